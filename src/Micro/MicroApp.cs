namespace Micro;

/// <summary>A Micro application: routes, hooks and error handlers over an ASP.NET Core <c>WebApplication</c>.</summary>
public sealed partial class MicroApp
{
}
