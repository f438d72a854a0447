using System.Text.Json;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Hosting;

/// <summary>
/// Which error handler answers, against Flask's <c>_find_error_handler</c> (Golden/error_handlers.json, written by
/// tools/goldens/dispatch_goldens.py): handlers on the app, a blueprint and a blueprint inside it, by code and by
/// class, and every route raising every kind of error.
/// </summary>
public sealed class ErrorHandlerGoldenTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hosting", "Golden", "error_handlers.json"))).RootElement.Clone();

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Golden.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_handler_flask_finds_answers(int index)
    {
        var @case = Golden.GetProperty("cases")[index];
        var app = MicroApp.Create();
        var outer = new Blueprint("outer", "/o");
        var inner = new Blueprint("inner", "/i");
        app.Get("/a", (string raise) => Raise(raise));
        outer.Get("/b", (string raise) => Raise(raise));
        inner.Get("/c", (string raise) => Raise(raise));
        foreach (var handler in @case.GetProperty("handlers").EnumerateArray())
        {
            var scope = handler.GetProperty("scope").GetString();
            Register(scope switch { "app" => app, "outer" => outer, _ => inner }, handler.GetProperty("key").GetString()!, $"{scope}:{handler.GetProperty("key").GetString()}");
        }

        outer.Register(inner);
        app.Register(outer);
        await using var client = app.TestClient();
        foreach (var probe in @case.GetProperty("probes").EnumerateArray())
        {
            var response = await client.Get($"{probe.GetProperty("path").GetString()}?raise={probe.GetProperty("raise").GetString()}");
            var answer = response.StatusCode == 200 ? response.Text : $"default:{response.StatusCode}";
            Assert.True(
                probe.GetProperty("handler").GetString() == answer && probe.GetProperty("status").GetInt32() == response.StatusCode,
                $"case {index}, {probe}: Micro answered {response.StatusCode} {answer}");
        }
    }

    private static void Register(Scaffold scope, string key, string name)
    {
        switch (key)
        {
            case "404" or "500":
                scope.ErrorHandler(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), () => (name, 200));
                break;
            case "HTTPException":
                scope.ErrorHandler<HttpException>((e, r) => (name, 200));
                break;
            case "Exception":
                scope.ErrorHandler<Exception>((e, r) => (name, 200));
                break;
            case "Base":
                scope.ErrorHandler<BaseError>((e, r) => (name, 200));
                break;
            default:
                scope.ErrorHandler<DerivedError>((e, r) => (name, 200));
                break;
        }
    }

    private static string Raise(string what) => what switch
    {
        "abort404" => throw new HttpException(404),
        "abort403" => throw new HttpException(403),
        "abort500" => throw new HttpException(500),
        "base" => throw new BaseError(),
        "derived" => throw new DerivedError(),
        _ => throw new InvalidOperationException("boom"),
    };

    public class BaseError : Exception
    {
    }

    public sealed class DerivedError : BaseError
    {
    }
}
