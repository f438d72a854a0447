namespace Micro.Routing.Matching;

/// <summary>
/// Counts the steps one match takes (every state visited and every instruction a part's program runs) and
/// gives up when the request is aborted: the token is read once every <see cref="CheckEvery"/> steps, so the
/// common short match never reads it. The token comes from <paramref name="aborted"/> only then, because reading
/// Kestrel's <c>HttpContext.RequestAborted</c> takes a lock (and may create a token source) on every request.
/// </summary>
internal struct MatchMeter(Func<object?, CancellationToken>? aborted, object? state)
{
    private static readonly Func<object?, CancellationToken> FromToken = static box => (CancellationToken)box!;

    /// <summary>A meter that looks at <paramref name="cancellationToken"/>.</summary>
    public MatchMeter(CancellationToken cancellationToken)
        : this(cancellationToken.CanBeCanceled ? FromToken : null, cancellationToken)
    {
    }

    /// <summary>Whether the token this meter looks at is cancelled (false when it never looked).</summary>
    public readonly bool IsCancellationRequested => aborted is not null && aborted(state).IsCancellationRequested;

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
            aborted?.Invoke(state).ThrowIfCancellationRequested();
        }
    }
}
