namespace Micro.Routing.Matching;

/// <summary>
/// The syntax tree of a rule part's regular expression, for the subset <see cref="PatternParser"/> reads:
/// literals, character classes, groups, alternation, greedy and lazy quantifiers, anchors and one-character
/// lookarounds. What is outside the subset is matched by .NET's engine instead.
/// </summary>
internal abstract record PatternNode
{
    /// <summary>Gets the fewest characters the node can match.</summary>
    public abstract int MinLength { get; }

    /// <summary>Gets whether the node can match the empty string.</summary>
    public bool Nullable => MinLength == 0;
}

/// <summary>One literal character.</summary>
internal sealed record CharNode(char Value) : PatternNode
{
    public override int MinLength => 1;
}

/// <summary>One character of a class (<c>[^/]</c>, <c>\d</c>, <c>.</c>).</summary>
internal sealed record SetNode(CharSet Set) : PatternNode
{
    public override int MinLength => 1;
}

/// <summary>Nodes matched one after the other.</summary>
internal sealed record ConcatNode(IReadOnlyList<PatternNode> Items) : PatternNode
{
    public override int MinLength => Items.Sum(item => item.MinLength);
}

/// <summary>Alternatives tried in order (<c>a|b</c>).</summary>
internal sealed record AlternationNode(IReadOnlyList<PatternNode> Options) : PatternNode
{
    public override int MinLength => Options.Min(option => option.MinLength);
}

/// <summary>A quantified node; <see cref="Max"/> is -1 when unbounded.</summary>
internal sealed record RepeatNode(PatternNode Body, int Min, int Max, bool Lazy) : PatternNode
{
    public override int MinLength => Body.MinLength * Min;
}

/// <summary>A group; <see cref="Name"/> is set for named groups, whose bounds the matcher reports.</summary>
internal sealed record GroupNode(PatternNode Body, string? Name) : PatternNode
{
    public override int MinLength => Body.MinLength;
}

/// <summary>A zero-width anchor.</summary>
internal sealed record AnchorNode(AnchorKind Kind) : PatternNode
{
    public override int MinLength => 0;
}

/// <summary>A zero-width test of the one character before (<c>(?&lt;!/)</c>) or after the position.</summary>
internal sealed record LookNode(CharSet Set, bool Behind, bool Negate) : PatternNode
{
    public override int MinLength => 0;
}

/// <summary>The anchors of the subset.</summary>
internal enum AnchorKind
{
    /// <summary><c>\A</c> or <c>^</c>: the start of the text.</summary>
    Start,

    /// <summary><c>\z</c>: the end of the text.</summary>
    End,

    /// <summary><c>\Z</c> or <c>$</c>: the end of the text or before a final newline.</summary>
    EndOrFinalNewline,
}
