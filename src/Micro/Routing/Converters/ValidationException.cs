namespace Micro.Routing.Converters;

/// <summary>
/// Thrown by <see cref="Converter.ToValue"/> when matched text does not convert (Werkzeug's
/// <c>ValidationError</c>); the request is then answered with 404, or 405 when other methods match.
/// </summary>
public sealed class ValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ValidationException() : base("The value does not convert.") { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the value does not convert.</param>
    public ValidationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the value does not convert.</param>
    /// <param name="innerException">The underlying error.</param>
    public ValidationException(string message, Exception innerException) : base(message, innerException) { }
}
