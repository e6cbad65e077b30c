using SloQuality.Core.Text;

namespace SloQuality.Core.Tests.Text;

public sealed class PathSegmentTests
{
    [Theory]
    [InlineData("..", "__")]
    [InlineData(".", "_")]
    [InlineData("", "_")]
    [InlineData("../../etc", ".._.._etc")]
    [InlineData("a\\b", "a_b")]
    [InlineData("evil\u001b[31m", "evil_[31m")]
    [InlineData("customer support", "customer support")]
    [InlineData("factual-qa", "factual-qa")]
    public void ANameBecomesOneFolderName(string name, string expected) => Assert.Equal(expected, PathSegment.Safe(name));

    [Fact]
    public void NoCombinationOfNamesLeavesTheRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "out");

        Assert.Equal(Path.Combine(root, "__", "__", "x"), PathSegment.Under(root, "..", "..", "x"));
        Assert.Equal(Path.Combine(root, "_etc_passwd"), PathSegment.Under(root, "/etc/passwd"));
    }
}
