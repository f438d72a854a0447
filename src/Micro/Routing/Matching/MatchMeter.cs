namespace Micro.Routing.Matching;

/// <summary>
/// Counts the steps one match takes (every state visited and every instruction a part's program runs) and
/// gives up when the request is aborted: the token is read once every <see cref="CheckEvery"/> steps, so the
/// common short match never reads it.
/// </summary>
internal struct MatchMeter(CancellationToken cancellationToken)
{
    /// <summary>How many steps go by between two looks at the token (a power of two).</summary>
    public const int CheckEvery = 1024;

    /// <summary>Gets the steps counted so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Counts <paramref name="count"/> steps; throws <see cref="OperationCanceledException"/> once the request is aborted.</summary>
    public void Add(long count)
    {
        var before = Steps;
        Steps += count;
        if (before / CheckEvery != Steps / CheckEvery)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
