namespace SloQuality.Core.Text;

/// <summary>
/// Names from data (a dataset's file name, a model target, a run id) become one folder name that stays
/// where it is put: a file <c>...jsonl</c> names the dataset <c>..</c>, which must not write its
/// reports into the parent of <c>--out</c>. Separators, control characters and the names "." and ".."
/// become "_"; ordinary names, spaces and Unicode included, are kept as they are.
/// </summary>
public static class PathSegment
{
    public static string Safe(string name)
    {
        if (name is "" or "." or "..")
        {
            return name.Length == 0 ? "_" : new string('_', name.Length);
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or ':' || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// <paramref name="root"/> joined with each name made <see cref="Safe"/>; the result is checked to be
    /// inside the root, so no combination of names can leave it.
    /// </summary>
    public static string Under(string root, params string[] names)
    {
        var path = Path.Combine([root, .. names.Select(Safe)]);
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(fullRoot, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"'{string.Join("/", names)}' would leave {root}");
    }
}
