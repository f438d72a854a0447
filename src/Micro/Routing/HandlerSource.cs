using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Routing;

/// <summary>A handler as written by the user: a delegate, or a method of a class instantiated per request.</summary>
internal sealed class HandlerSource
{
    private HandlerSource(MethodInfo method, Delegate? @delegate, Type? declaringType)
    {
        Method = method;
        Delegate = @delegate;
        DeclaringType = declaringType;
    }

    public MethodInfo Method { get; }

    public Delegate? Delegate { get; }

    public Type? DeclaringType { get; }

    /// <summary>Gets the default endpoint name: the method name in snake_case; none for lambdas.</summary>
    public string? DefaultEndpoint =>
        Method.IsDefined(typeof(CompilerGeneratedAttribute)) || Method.Name.Contains('<', StringComparison.Ordinal) ? null : SnakeCase(Method.Name);

    public static HandlerSource FromDelegate(Delegate handler) => new(handler.Method, handler, null);

    public static HandlerSource FromMethod(Type type, MethodInfo method) => new(method, null, method.IsStatic ? null : type);

    /// <summary>Gets whether two registrations run the same code (so they may share an endpoint name).</summary>
    public bool SameAs(HandlerSource other) => Method == other.Method && Equals(Delegate?.Target, other.Delegate?.Target);

    /// <summary>Creates the handler's class per request with constructor injection (the factory is compiled once).</summary>
    public Func<HttpContext, object>? TargetFactory
    {
        get
        {
            if (DeclaringType is null)
            {
                return null;
            }

            var factory = ActivatorUtilities.CreateFactory(DeclaringType, Type.EmptyTypes);
            return context => factory(context.RequestServices, null);
        }
    }

    /// <summary>Flask names endpoints after Python functions (snake_case); we name them after C# methods the same way.</summary>
    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousLower || acronymEnd)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
