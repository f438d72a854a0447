namespace Micro.Templates.Runtime;

/// <summary>An error raised by the Jinja runtime; mapped to a <see cref="TemplateException"/> with a position.</summary>
internal sealed class JinjaRuntimeException(string message, Exception? inner = null) : Exception(message, inner);
