namespace Micro.Templates;

/// <summary>
/// Vouches that what a template can see of this type is fully determined by the values of its public instance
/// properties and fields (for a dictionary or sequence type: its entries or items, in order), and that reading
/// them has no side effects, so renders whose model holds one may be output-cached.
/// </summary>
/// <remarks>
/// <para>
/// Without it, the output cache keys only values it can prove immutable and exactly keyed: strings, numbers, dates,
/// <see cref="Markup"/>, records and anonymous types made of those, and the framework's lists, arrays and
/// dictionaries of those. A render whose model holds any other value is rendered fresh every time (and counted as
/// <c>micro.templates.output_cache.uncacheable</c>).
/// </para>
/// <para>
/// For a type marked with this attribute the cache reads <em>every</em> public instance property and field (not only
/// those the template uses) to build the key, with the type itself; the values read are keyed by the same rules, so
/// a member holding an unkeyable value still makes the render uncacheable. The promise covers everything the
/// type's own code shows a template: <see cref="object.ToString"/>, <see cref="object.Equals(object?)"/> and
/// comparisons must depend on those members alone. The attribute applies to the type it marks, not to types derived
/// from it, which must vouch for themselves.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [OutputCacheable] // ToString prints Amount and Currency, both public.
/// public sealed class Money(decimal amount, string currency)
/// {
///     public decimal Amount { get; } = amount;
///     public string Currency { get; } = currency;
///     public override string ToString() => $"{Amount:0.00} {Currency}";
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class OutputCacheableAttribute : Attribute
{
}
