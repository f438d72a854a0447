namespace Micro.Routing;

/// <summary>Endpoint metadata Micro puts on each of its ASP.NET Core endpoints.</summary>
/// <param name="Name">The endpoint name used by <c>UrlFor</c>.</param>
/// <param name="Rule">The Werkzeug rule.</param>
/// <param name="Methods">The HTTP methods, HEAD and OPTIONS included.</param>
public sealed record MicroEndpointMetadata(string Name, string Rule, IReadOnlyCollection<string> Methods);
