using System.Text;
using Micro.Templates;
using Micro.Testing;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Templates;

/// <summary>Templates rendered through the app: Flask's render_template with its template context.</summary>
public class AppTemplateTests
{
    private static TempFolder Site()
    {
        var site = new TempFolder();
        site.Write("templates/base.html", "<title>{% block title %}{% endblock %} - Site</title>\n{% for message in get_flashed_messages() %}<p class=flash>{{ message }}</p>{% endfor %}\n{% block content %}{% endblock %}\n");
        site.Write("templates/user.html", "{% extends 'base.html' %}\n{% block title %}{{ user.name }}{% endblock %}\n{% block content %}<a href=\"{{ url_for('user', id=user.id) }}\">{{ user.name }}</a> {{ request.path }} {{ session['seen'] }} {{ g.who }}{% endblock %}\n");
        site.Write("templates/form.html", "<form method=post><input type=hidden name=csrf_token value=\"{{ csrf_token() }}\"></form>\n");
        site.Write("templates/broken.html", "line one\n{% if %}\n");
        site.Write("templates/config.html", "{{ config['Site:Name'] }}");
        return site;
    }

    [Fact]
    public async Task Render_extends_a_layout_and_sees_flask_globals()
    {
        using var site = Site();
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/users/<int:id>", (int id, Request request, Session session) =>
        {
            session["seen"] = "yes";
            request.G["who"] = "me";
            return app.Render("user.html", new { user = new { id, name = "<Ada>" } });
        }, endpoint: "user");
        app.Get("/flash", (Session session) => { session.Flash("Saved!"); return Redirect("/users/1"); });
        await using var client = app.TestClient();

        var page = await client.Get("/flash", followRedirects: true);
        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal("<title>&lt;Ada&gt; - Site</title>\n<p class=flash>Saved!</p>\n<a href=\"/users/1\">&lt;Ada&gt;</a> /users/1 yes me", page.Text);
        Assert.DoesNotContain("Saved!", (await client.Get("/users/1")).Text);
    }

    [Fact]
    public async Task An_apps_template_engine_goes_with_the_app()
    {
        using var site = Site();
        var engine = await RenderWithAppAndStop(site.Path);

        // The meter of an engine nobody disposed stays in the process-wide list of meters for good; work the cache
        // queued on the thread pool (compaction, eviction callbacks) holds a disposed one only until it has run.
        for (var i = 0; i < 50 && engine.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(i * 10);
        }

        Assert.False(engine.IsAlive);
    }

    // Out of line, so that no local of the test keeps the app or its engine reachable.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RenderWithAppAndStop(string root)
    {
        var app = TestApps.Create(contentRoot: root);
        app.Get("/users/<int:id>", (int id) => app.Render("user.html", new { user = new { id, name = "Ada" } }), endpoint: "user");
        await using (var client = app.TestClient())
        {
            Assert.Equal(200, (await client.Get("/users/1")).StatusCode);
        }

        return new WeakReference(app.Templates);
    }

    [Fact]
    public async Task Request_in_templates_is_shaped_like_flasks()
    {
        using var site = new TempFolder();
        site.Write("templates/t.html", "[{{ request.args['q'] }}|{{ request.args.q }}|{{ request.method }}|{{ request.endpoint }}|{{ session.get('x', 'dflt') }}|{{ request.args.get('zz', 'none') }}|{{ request.cookies['c'] }}|{{ request.view_args }}|{{ request.full_path }}|{{ 'q' in request.args }}|{{ request.headers['X-Test'] }}]");
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/p/<int:id>", () => app.Render("t.html"), endpoint: "page");
        await using var client = app.TestClient();
        client.SetCookie("c", "cookie");
        var page = await client.Send(HttpMethod.Get, "/p/3?q=hello&q=2", headers: [new("X-Test", "<x>")]);
        Assert.Equal("[hello|hello|GET|page|dflt|none|cookie|{&#39;id&#39;: 3}|/p/3?q=hello&amp;q=2|True|&lt;x&gt;]", page.Text);
    }

    [Fact]
    public async Task Only_templates_that_read_the_session_vary_by_cookie()
    {
        using var site = new TempFolder();
        site.Write("templates/plain.html", "{% for n in numbers %}{{ n }}{% endfor %}");
        site.Write("templates/personal.html", "{{ session['name'] }}");
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/plain", () => app.Render("plain.html", new { numbers = new[] { 1, 2 } }));
        app.Get("/personal", () => app.Render("personal.html"));
        app.Get("/login", (Session session) => { session["name"] = "ada"; return "in"; });
        await using var client = app.TestClient();
        await client.Get("/login");

        var plain = await client.Get("/plain");
        Assert.Equal("12", plain.Text);
        Assert.Null(plain.Header("Vary"));
        var personal = await client.Get("/personal");
        Assert.Equal("ada", personal.Text);
        Assert.Equal("Cookie", personal.Header("Vary"));
    }

    [Fact]
    public async Task Render_to_string_gives_the_text_with_the_template_context()
    {
        using var site = new TempFolder();
        site.Write("templates/mail.txt", "Hi {{ name }} <{{ request.path }}>");
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/mail", async (Request request) => Responses.Text(await app.RenderToStringAsync(request, "mail.txt", new { name = "Ada & co" })));
        await using var client = app.TestClient();
        Assert.Equal("Hi Ada & co </mail>", (await client.Get("/mail")).Text); // .txt: no autoescape
    }

    [Fact]
    public async Task After_request_hooks_see_the_rendered_html()
    {
        using var site = Site();
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/", () => app.Render("config.html"));
        app.AfterRequest((Response response) => { response.Headers["X-Length"] = ((string)response.Body!).Length.ToString(); });
        app.Configuration["Site:Name"] = "Micro & co";
        await using var client = app.TestClient();
        var page = await client.Get("/");
        Assert.Equal("Micro &amp; co", page.Text);
        Assert.Equal("14", page.Header("X-Length"));
    }

    [Fact]
    public async Task Csrf_token_from_the_template_is_accepted_on_post()
    {
        using var site = Site();
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/form", () => app.Render("form.html"));
        app.Post("/form", () => "posted");
        await using var client = app.TestClient();
        var form = (await client.Get("/form")).Text;
        var token = form.Split("value=\"")[1].Split('"')[0];
        Assert.Equal(400, (await client.PostForm("/form", [new("x", "1")], withCsrfToken: false)).StatusCode);
        Assert.Equal("posted", (await client.PostForm("/form", [new("csrf_token", token)])).Text);
    }

    [Fact]
    public async Task A_template_error_is_a_500_with_file_and_line_in_development()
    {
        using var site = Site();
        var app = TestApps.Create("Development", site.Path);
        app.Get("/", () => app.Render("broken.html"));
        app.Get("/missing", () => app.Render("nope.html"));
        await using var client = app.TestClient();
        var page = await client.Get("/");
        Assert.Equal(500, page.StatusCode);
        Assert.Contains("broken.html", page.Text);
        Assert.Contains("line 2", page.Text);
        Assert.Contains("&gt;    2 | {% if %}", page.Text); // the excerpt, with the failing line marked
        var missing = await client.Get("/missing");
        Assert.Equal(500, missing.StatusCode);
        Assert.Contains("nope.html", missing.Text);
        Assert.Contains(Path.Combine(site.Path, "templates"), missing.Text);
    }

    [Fact]
    public async Task A_template_error_goes_through_the_500_handler()
    {
        using var site = Site();
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/", () => app.Render("broken.html"));
        app.ErrorHandler(500, (HttpException e) => $"sorry: {(e.InnerException as TemplateException)?.TemplateName}");
        await using var client = app.TestClient();
        var page = await client.Get("/");
        Assert.Equal(500, page.StatusCode);
        Assert.Equal("sorry: broken.html", page.Text);
    }

    private const string FlaskrLayout = """
<!doctype html>
<title>{% block title %}{% endblock %} - Flaskr</title>
<link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}">
<nav>
  <h1>Flaskr</h1>
  <ul>
    {% if g.user %}
      <li><span>{{ g.user['username'] }}</span>
      <li><a href="{{ url_for('auth.logout') }}">Log Out</a>
    {% else %}
      <li><a href="{{ url_for('auth.register') }}">Register</a>
      <li><a href="{{ url_for('auth.login') }}">Log In</a>
    {% endif %}
  </ul>
</nav>
<section class="content">
  <header>{% block header %}{% endblock %}</header>
  {% for message in get_flashed_messages() %}
    <div class="flash">{{ message }}</div>
  {% endfor %}
  {% block content %}{% endblock %}
</section>
""";

    [Fact]
    public async Task The_flask_tutorial_layout_in_the_readme_renders_unchanged()
    {
        using var site = new TempFolder();
        site.Write("templates/base.html", FlaskrLayout);
        site.Write("templates/index.html", "{% extends 'base.html' %}\n{% block header %}<h1>{% block title %}Posts{% endblock %}</h1>{% endblock %}\n");
        site.Write("static/style.css", "body {}");
        var app = TestApps.Create(contentRoot: site.Path);
        var auth = new Blueprint("auth", "/auth");
        auth.Get("/register", () => "", endpoint: "register");
        auth.Get("/login", () => "", endpoint: "login");
        auth.Get("/logout", () => "", endpoint: "logout");
        app.Register(auth);
        app.Get("/", (Request request) =>
        {
            if (request.Args["user"] is { Count: > 0 } user)
            {
                request.G["user"] = new Dictionary<string, object?> { ["username"] = user.ToString() };
            }

            return app.Render("index.html");
        });
        await using var client = app.TestClient();

        var anonymous = (await client.Get("/")).Text;
        Assert.Contains("<title>Posts - Flaskr</title>", anonymous);
        Assert.Contains("href=\"/static/style.css\"", anonymous);
        Assert.Contains("<li><a href=\"/auth/register\">Register</a>", anonymous);
        var signedIn = (await client.Get("/?user=%3Cada%3E")).Text;
        Assert.Contains("<li><span>&lt;ada&gt;</span>", signedIn);
        Assert.Contains("<li><a href=\"/auth/logout\">Log Out</a>", signedIn);
        Assert.Equal("body {}", (await client.Get("/static/style.css")).Text);
    }

    [Fact]
    public async Task Render_command_prints_the_template_byte_for_byte()
    {
        using var site = Site();
        site.Write("templates/hello.html", "Hello {{ name }} & {{ items | join(', ') }}\n\n");
        site.Write("data.json", """{"name": "<you>", "items": [1, 2]}""");
        var app = TestApps.Create(contentRoot: site.Path);
        await using var client = app.TestClient();
        using var output = new MemoryStream();
        var error = new StringWriter();

        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["render", "hello.html", "--data", Path.Combine(site.Path, "data.json")], output, error));
        Assert.Equal("Hello &lt;you&gt; & 1, 2\n", Encoding.UTF8.GetString(output.ToArray()));

        using var other = new MemoryStream();
        Assert.Equal(1, Micro.Hosting.Commands.TryRun(app, ["render", "broken.html", "--templates", Path.Combine(site.Path, "templates")], other, error));
        Assert.Empty(other.ToArray());
        Assert.Contains("broken.html", error.ToString());
    }

    [Fact]
    public async Task Render_command_gives_a_flask_layout_an_empty_request_state()
    {
        // The Flask tutorial's layout reads g.user and get_flashed_messages(); without a request both are empty.
        using var site = Site();
        site.Write("templates/page.html", "{% if g.user %}in {{ g.user }}{% else %}out{% endif %}|{{ session.get('x', 'none') }}|"
            + "{% for m in get_flashed_messages() %}{{ m }}{% endfor %}{{ get_flashed_messages(with_categories=true)|length }}|{{ url_for('index') }}");
        site.Write("signed-in.json", """{"g": {"user": "<ada>"}}""");
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/", () => "home", endpoint: "index");
        await using var client = app.TestClient();
        var error = new StringWriter();

        using var output = new MemoryStream();
        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["render", "page.html"], output, error));
        Assert.Equal("out|none|0|/", Encoding.UTF8.GetString(output.ToArray()));

        using var signedIn = new MemoryStream();
        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["render", "page.html", "--data", Path.Combine(site.Path, "signed-in.json")], signedIn, error));
        Assert.Equal("in &lt;ada&gt;|none|0|/", Encoding.UTF8.GetString(signedIn.ToArray()));
        Assert.Equal("", error.ToString());
    }
}
