namespace Micro.Hosting.Bodies;

/// <summary>A body sent as JSON whatever its type (strings and null included), from <see cref="Responses.Json"/>.</summary>
internal sealed record JsonValue(object? Value);
