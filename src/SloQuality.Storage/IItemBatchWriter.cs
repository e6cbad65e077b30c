namespace SloQuality.Storage;

/// <summary>Inserts a batch of item results in one transaction (first write of a (run, item, repeat) wins).</summary>
public interface IItemBatchWriter : IDisposable
{
    Task WriteAsync(IReadOnlyList<Core.Evaluation.ItemResult> batch);
}
