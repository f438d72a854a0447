using Micro.Testing;

namespace Micro.Tests.Routing;

public class RuleErrorTests
{
    private static async Task<Exception> StartupError(Action<MicroApp> configure)
    {
        var app = MicroApp.Create();
        configure(app);
        var error = await Record.ExceptionAsync(async () => { await using var client = app.TestClient(); await client.Get("/"); });
        Assert.NotNull(error);
        return error is AggregateException { InnerException: { } inner } ? inner : error;
    }

    [Fact]
    public async Task Unknown_converter_is_refused_with_a_suggestion()
    {
        var error = await StartupError(app => app.Get("/u/<itn:id>", (int id) => ""));
        Assert.Contains("Unknown converter 'itn' in URL rule '/u/<itn:id>'. Did you mean 'int'?", error.Message);
    }

    [Fact]
    public async Task Unbalanced_angle_bracket_is_a_malformed_rule()
    {
        var error = await StartupError(app => app.Get("/x/<", () => ""));
        Assert.Contains("Malformed URL rule '/x/<'", error.Message);
    }

    [Fact]
    public async Task Duplicate_variable_is_refused()
    {
        var error = await StartupError(app => app.Get("/<a>/<int:a>", (string a) => ""));
        Assert.Contains("Variable 'a' appears twice in URL rule '/<a>/<int:a>'", error.Message);
    }

    [Theory]
    [InlineData("/n/<int(minimum=1):n>", "unexpected argument 'minimum='")]
    [InlineData("/n/<int(min='a'):n>", "'min' must be a number")]
    [InlineData("/n/<uuid(4):n>", "takes at most 0 positional")]
    [InlineData("/n/<any():n>", "Bad arguments for converter 'any'")]
    [InlineData("/n/<int(min=-3):n>", "Cannot parse converter argument")]
    public async Task Bad_converter_arguments_quote_the_rule(string rule, string message)
    {
        var error = await StartupError(app => app.Get(rule, () => ""));
        Assert.Contains(message, error.Message);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void A_rule_must_start_with_a_slash()
    {
        var app = MicroApp.Create();
        var error = Assert.Throws<ArgumentException>(() => app.Get("users", () => ""));
        Assert.Contains("URL rule 'users' must start with a slash.", error.Message);
    }

    [Fact]
    public async Task An_endpoint_name_cannot_be_reused_by_another_handler()
    {
        var error = await StartupError(app =>
        {
            app.Get("/a", () => "a", endpoint: "page");
            app.Get("/b", () => "b", endpoint: "page");
        });
        Assert.Contains("Endpoint 'page' is used by rule '/a' with a different handler", error.Message);
    }

    [Fact]
    public async Task Routes_cannot_be_added_after_the_app_started()
    {
        var app = MicroApp.Create();
        app.Get("/", () => "");
        await using var client = app.TestClient();
        await client.Get("/");
        var error = Assert.Throws<InvalidOperationException>(() => app.Get("/late", () => ""));
        Assert.Contains("Register routes, hooks and handlers before app.Run()", error.Message);
    }

    [Fact]
    public async Task A_handler_parameter_that_cannot_bind_is_refused_at_startup()
    {
        var error = await StartupError(app => app.Get("/x/<name>", (Dictionary<string, int> a, Dictionary<string, int> b) => ""));
        Assert.Contains("Cannot bind the parameters of a lambda", error.Message);
    }
}
