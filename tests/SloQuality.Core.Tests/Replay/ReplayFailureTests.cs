using SloQuality.Core.Replay;

namespace SloQuality.Core.Tests.Replay;

public sealed class ReplayFailureTests
{
    [Theory]
    [InlineData(FailureKind.ConnectionReset, null, true)]
    [InlineData(FailureKind.HttpError, 401, true)]
    [InlineData(FailureKind.HttpError, 403, true)]
    [InlineData(FailureKind.HttpError, 407, true)]
    [InlineData(FailureKind.HttpError, 500, false)]
    [InlineData(FailureKind.HttpError, 404, false)]
    [InlineData(FailureKind.RateLimited, 429, false)]
    [InlineData(FailureKind.Timeout, null, false)]
    [InlineData(FailureKind.StreamCut, null, false)]
    public void OnlyNoConnectionOrARefusedCallerMeansTheTargetWasUnreachable(FailureKind kind, int? status, bool unreachable)
    {
        var failure = new ReplayFailure(kind, "what the wire said", status);

        Assert.Equal(unreachable, failure.MeansUnreachable);
        Assert.Equal(unreachable, ReplayFailure.StoredMeansUnreachable(ReplayFailure.KindName(kind), failure.ShortText));
    }

    [Fact]
    public void AnItemWithNoFailureWasNotUnreachable() =>
        Assert.False(ReplayFailure.StoredMeansUnreachable(null, null));
}
