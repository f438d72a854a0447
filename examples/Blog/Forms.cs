using Microsoft.AspNetCore.Http;
using static Micro.Responses;

namespace Blog;

/// <summary>Form helpers with Flask's behaviour.</summary>
public static class Forms
{
    /// <summary>Reads a field like Flask's <c>request.form[name]</c>: a missing field is a 400 Bad Request.</summary>
    public static string Field(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out var value))
        {
            Abort(400, $"The form has no '{name}' field.");
        }

        return value.ToString();
    }

}
