namespace Micro.Routing;

/// <summary>Thrown by <c>UrlFor</c> when no rule of the endpoint can be built from the values given (Werkzeug's <c>BuildError</c>).</summary>
public sealed class UrlBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The endpoint asked for.</param>
    /// <param name="message">What went wrong and what to try.</param>
    public UrlBuildException(string endpoint, string message) : base(message) => Endpoint = endpoint;

    /// <summary>Gets the endpoint asked for.</summary>
    public string Endpoint { get; }
}
