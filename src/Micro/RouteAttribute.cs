namespace Micro;

/// <summary>Routes a method of a class registered with <see cref="Scaffold.Register{T}"/>.</summary>
/// <param name="rule">A Werkzeug rule, e.g. <c>/users/&lt;int:id&gt;</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public class RouteAttribute(string rule) : Attribute
{
    /// <summary>Gets the rule.</summary>
    public string Rule { get; } = rule;

    /// <summary>Gets or sets the HTTP methods; GET when empty.</summary>
    public string[] Methods { get; set; } = [];

    /// <summary>Gets or sets the endpoint name; the method name in snake_case when <see langword="null"/>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets Werkzeug's <c>strict_slashes</c>.</summary>
    public bool StrictSlashes { get; set; } = true;

    /// <summary>
    /// Gets or sets Werkzeug's rule <c>defaults</c> as <c>name=value</c> texts, e.g. <c>Defaults = ["page=1"]</c> (a value
    /// that reads as an integer is one); see <see cref="Scaffold.Route"/>.
    /// </summary>
    public string[] Defaults { get; set; } = [];

    /// <summary>Gets or sets Werkzeug's <c>redirect_to</c>: requests matching the rule are answered 308 to it, the method never runs.</summary>
    public string? RedirectTo { get; set; }
}

/// <summary>Routes a method for GET requests.</summary>
/// <param name="rule">A Werkzeug rule.</param>
public sealed class GetAttribute(string rule) : RouteAttribute(rule)
{
}

/// <summary>Routes a method for POST requests.</summary>
/// <param name="rule">A Werkzeug rule.</param>
public sealed class PostAttribute(string rule) : RouteAttribute(rule)
{
}

/// <summary>Routes a method for PUT requests.</summary>
/// <param name="rule">A Werkzeug rule.</param>
public sealed class PutAttribute(string rule) : RouteAttribute(rule)
{
}

/// <summary>Routes a method for PATCH requests.</summary>
/// <param name="rule">A Werkzeug rule.</param>
public sealed class PatchAttribute(string rule) : RouteAttribute(rule)
{
}

/// <summary>Routes a method for DELETE requests.</summary>
/// <param name="rule">A Werkzeug rule.</param>
public sealed class DeleteAttribute(string rule) : RouteAttribute(rule)
{
}

/// <summary>Makes a class registered with <see cref="Scaffold.Register{T}"/> a blueprint.</summary>
/// <param name="name">The blueprint name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BlueprintAttribute(string name) : Attribute
{
    /// <summary>Gets the blueprint name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets or sets the URL prefix.</summary>
    public string? UrlPrefix { get; set; }
}
