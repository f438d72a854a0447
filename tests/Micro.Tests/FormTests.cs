using System.Globalization;
using System.Text.Json;
using Micro.Testing;

namespace Micro.Tests;

/// <summary>Flask's <c>request.form</c>: a missing field is Werkzeug's 400, <c>get(..., type=)</c> converts as Python does (Hosting/Golden/form_types.json).</summary>
public sealed class FormTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hosting", "Golden", "form_types.json"))).RootElement.Clone();

    [Fact]
    public async Task A_missing_field_is_werkzeugs_bad_request_page()
    {
        var app = MicroApp.Create();
        app.Post("/missing", (Request request) => request.Form["name"]).DisableCsrf();
        await using var client = app.TestClient();

        var page = await client.PostForm("/missing", [new("other", "1")]);
        var expected = Golden.GetProperty("missing_field");
        Assert.Equal(expected.GetProperty("status").GetInt32(), page.StatusCode);
        Assert.Equal(expected.GetProperty("content_type").GetString(), page.ContentType);
        Assert.Equal(expected.GetProperty("body").GetString(), page.Text);
    }

    [Fact]
    public async Task A_present_field_reads_in_hooks_handlers_and_as_a_bound_parameter()
    {
        var app = MicroApp.Create();
        string? seenByHook = null;
        app.BeforeRequest((Request request) => { seenByHook = request.Form.Get("title"); });
        app.Post("/post", (Request request, Form form) => $"{request.Form["title"]}|{form["title"]}|{form.Get("absent", "d")}|{string.Join(",", form.GetList("tag"))}").DisableCsrf();
        await using var client = app.TestClient();

        var page = await client.PostForm("/post", [new("title", "Hi"), new("tag", "a"), new("tag", "b")]);
        Assert.Equal("Hi|Hi|d|a,b", page.Text);
        Assert.Equal("Hi", seenByHook);
    }

    [Fact]
    public async Task A_missing_field_reaches_a_400_handler_with_its_name_in_the_cause()
    {
        var app = MicroApp.Create();
        app.ErrorHandler(400, (HttpException e) => (e.InnerException?.Message ?? "none", 400));
        app.Post("/missing", (Request request) => request.Form["name"]).DisableCsrf();
        await using var client = app.TestClient();
        Assert.Equal("The form has no field 'name'.", (await client.PostForm("/missing", [])).Text);
    }

    public static TheoryData<int> Conversions()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Golden.GetProperty("conversions").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public async Task Get_converts_as_flasks_type_argument(int index)
    {
        var row = Golden.GetProperty("conversions")[index];
        var app = MicroApp.Create();
        app.Post("/int", (Request request) => string.Create(CultureInfo.InvariantCulture, $"{request.Form.Get("v", -99)}|{request.Form.Get("v", -99L)}|{request.Form.Get("v", (System.Numerics.BigInteger)(-99))}")).DisableCsrf();
        app.Post("/float", (Request request) => request.Form.Get("v", -99.5).ToString("R", CultureInfo.InvariantCulture)).DisableCsrf();
        await using var client = app.TestClient();

        var value = row.GetProperty("value").GetString()!;
        var expected = row.GetProperty("result").GetString();
        if (row.GetProperty("type").GetString() == "int")
        {
            var answer = (await client.PostForm("/int", [new("v", value)])).Text.Split('|');
            var big = expected is null ? (System.Numerics.BigInteger?)null : System.Numerics.BigInteger.Parse(expected, CultureInfo.InvariantCulture);
            Assert.Equal(big is { } b && b >= int.MinValue && b <= int.MaxValue ? b.ToString(CultureInfo.InvariantCulture) : "-99", answer[0]);
            Assert.Equal(big is { } c && c >= long.MinValue && c <= long.MaxValue ? c.ToString(CultureInfo.InvariantCulture) : "-99", answer[1]);
            Assert.Equal(big?.ToString(CultureInfo.InvariantCulture) ?? "-99", answer[2]);
        }
        else
        {
            var answer = double.Parse((await client.PostForm("/float", [new("v", value)])).Text, CultureInfo.InvariantCulture);
            var wanted = expected switch
            {
                null => -99.5,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                "nan" => double.NaN,
                _ => double.Parse(expected, CultureInfo.InvariantCulture),
            };
            Assert.Equal(wanted, answer);
        }
    }

    [Fact]
    public async Task Get_with_a_converter_gives_the_default_when_it_throws()
    {
        var app = MicroApp.Create();
        app.Post("/", (Request request) => $"{request.Form.Get("id", Guid.Empty, Guid.Parse)}|{request.Form.Get("day", DateOnly.MinValue, s => DateOnly.Parse(s, CultureInfo.InvariantCulture)):yyyy-MM-dd}").DisableCsrf();
        await using var client = app.TestClient();
        var page = await client.PostForm("/", [new("id", "not a guid"), new("day", "2026-11-30")]);
        Assert.Equal($"{Guid.Empty}|2026-11-30", page.Text);
    }

    [Fact]
    public async Task The_csrf_page_tells_a_template_author_what_to_write()
    {
        var app = MicroApp.Create();
        app.Post("/", () => "in");
        await using var client = app.TestClient();
        var page = await client.PostForm("/", [new("a", "1")], withCsrfToken: false);
        Assert.Equal(400, page.StatusCode);
        Assert.Contains("&lt;input type=&#34;hidden&#34; name=&#34;csrf_token&#34; value=&#34;{{ csrf_token() }}&#34;&gt;", page.Text, StringComparison.Ordinal);
    }
}
