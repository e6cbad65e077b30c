using System.Runtime.InteropServices;

namespace SloQuality.Core.Datasets;

/// <summary>What a path is once symbolic links are followed.</summary>
public enum FileKindValue { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Missing, Unknown }

/// <summary>
/// The kind and real location of a file without opening it. .NET reports a FIFO or a device as a "Normal" file, and
/// opening a FIFO for reading waits for a writer forever, so the kind comes from <c>stat(2)</c>.
/// </summary>
public static class FileKind
{
    private const uint TypeMask = 0xF000;

    public static FileKindValue Of(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            // Elsewhere special files cannot sit among datasets in the way they can on Linux; trust .NET.
            return File.Exists(path) ? FileKindValue.Regular : Directory.Exists(path) ? FileKindValue.Directory : FileKindValue.Missing;
        }

        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return FileKindValue.Missing;
        }

        // struct stat: st_mode follows st_dev, st_ino and (on x86-64 only) a 64-bit st_nlink.
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return (BitConverter.ToUInt32(buffer, modeOffset) & TypeMask) switch
        {
            0x8000 => FileKindValue.Regular,
            0x4000 => FileKindValue.Directory,
            0x1000 => FileKindValue.Fifo,
            0x2000 => FileKindValue.CharacterDevice,
            0x6000 => FileKindValue.BlockDevice,
            0xC000 => FileKindValue.Socket,
            _ => FileKindValue.Unknown,
        };
    }

    public static string Describe(FileKindValue kind) => kind switch
    {
        FileKindValue.Fifo => "a FIFO (named pipe)",
        FileKindValue.CharacterDevice => "a character device",
        FileKindValue.BlockDevice => "a block device",
        FileKindValue.Socket => "a socket",
        FileKindValue.Directory => "a folder",
        FileKindValue.Missing => "missing",
        _ => "not a regular file",
    };

    /// <summary>The absolute path with every symbolic link on the way followed, or null when one leads nowhere.</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && (target.Exists || Directory.Exists(target.FullName)) ? target.FullName : null;
        }

        var resolved = ResolvePath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    // DllImport rather than LibraryImport: the generated marshaller needs unsafe code in the project.
    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr ResolvePath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
