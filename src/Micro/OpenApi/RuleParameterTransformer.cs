using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Micro.Routing;
using Micro.Routing.Converters;

namespace Micro.OpenApi;

/// <summary>
/// Completes the path parameters of Micro's operations from their converters, where ApiExplorer's metadata has no word
/// for it: <c>any(a, b)</c> as an <c>enum</c>, fractional <c>min</c>/<c>max</c> of <c>float</c>, the description of a
/// <c>path</c> variable (it spans segments), and rule variables the handler does not take (a path template must declare
/// every variable). Types, formats, whole-number bounds and lengths come from the endpoints' route constraints already
/// (see <see cref="RoutePatterns"/>), as they do for Swashbuckle and NSwag.
/// </summary>
internal sealed class RuleParameterTransformer : IOpenApiOperationTransformer
{
    public const string PathDescription = "A path: one or more segments, slashes included.";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RuleParameters>().LastOrDefault() is not { } rule)
        {
            return Task.CompletedTask;
        }

        // A parameter named after a rule default (or another rule's variable) binds from the route only: no query parameter.
        for (var i = (operation.Parameters?.Count ?? 0) - 1; i >= 0 && rule.RouteOnly.Count > 0; i--)
        {
            if (operation.Parameters![i].In == ParameterLocation.Query && rule.RouteOnly.Contains(operation.Parameters[i].Name))
            {
                operation.Parameters.RemoveAt(i);
            }
        }

        if (rule.Items.Count == 0)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        var position = 0;
        foreach (var variable in rule.Items)
        {
            var index = IndexOf(operation.Parameters, variable.Name);
            OpenApiParameter parameter;
            if (index < 0)
            {
                parameter = new OpenApiParameter { Name = variable.Name, In = ParameterLocation.Path, Required = true, Schema = Unbound(variable.Schema) };
                operation.Parameters.Insert(Math.Min(position, operation.Parameters.Count), parameter);
                index = position;
            }
            else if (operation.Parameters[index] is OpenApiParameter existing)
            {
                parameter = existing;
            }
            else
            {
                continue;
            }

            position = index + 1;
            if (parameter.Schema is OpenApiSchema schema)
            {
                Apply(schema, variable.Schema);
            }

            if (variable.Schema.Kind == ConverterSchema.Path && string.IsNullOrEmpty(parameter.Description))
            {
                parameter.Description = PathDescription;
            }
        }

        return Task.CompletedTask;
    }

    private static int IndexOf(IList<IOpenApiParameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].In == ParameterLocation.Path && parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The schema of a variable no handler parameter binds: the converter's own value type (Micro's ints are 64-bit).</summary>
    private static OpenApiSchema Unbound(ConverterSchema converter) => converter.Kind switch
    {
        ConverterSchema.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        ConverterSchema.Number => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
        ConverterSchema.Uuid => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static void Apply(OpenApiSchema schema, ConverterSchema converter)
    {
        if (converter.Minimum is { } minimum)
        {
            schema.Minimum = minimum.ToString("R", CultureInfo.InvariantCulture);
        }

        if (converter.Maximum is { } maximum)
        {
            schema.Maximum = maximum.ToString("R", CultureInfo.InvariantCulture);
        }

        if (converter.MinLength is { } minLength)
        {
            schema.MinLength = minLength;
        }

        if (converter.MaxLength is { } maxLength)
        {
            schema.MaxLength = maxLength;
        }

        if (converter.Values is { } values)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = values.Select(value => (JsonNode)JsonValue.Create(value)).ToList();
        }
    }
}
