using Dapper;

namespace Blog.Tests;

public class PostTests
{
    [Fact]
    public async Task Index_lists_posts_and_offers_the_edit_link_to_the_author()
    {
        await using var site = BlogSite.Start();
        var anonymous = await site.Client.Get("/");
        Assert.Equal(200, anonymous.StatusCode);
        Assert.Contains("Log In", anonymous.Text);
        Assert.Contains("Register", anonymous.Text);
        Assert.Contains("test title", anonymous.Text);
        Assert.DoesNotContain("href=\"/1/update\"", anonymous.Text);

        await site.Login();
        var page = (await site.Client.Get("/")).Text;
        Assert.Contains("<h1>test title</h1>", page);
        Assert.Contains("by test on 2018-01-01", page);
        Assert.Contains("test\nbody", page);
        Assert.Contains("href=\"/1/update\"", page);
        Assert.Contains("href=\"/create\"", page);
    }

    [Fact]
    public async Task Index_shows_the_newest_post_first()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        await site.Submit("/create", ("title", "second"), ("body", ""));
        await site.Submit("/create", ("title", "third"), ("body", ""));

        var page = (await site.Client.Get("/")).Text;

        var third = page.IndexOf("<h1>third</h1>", StringComparison.Ordinal);
        var second = page.IndexOf("<h1>second</h1>", StringComparison.Ordinal);
        var first = page.IndexOf("<h1>test title</h1>", StringComparison.Ordinal);
        Assert.True(third >= 0 && third < second && second < first, page);
    }

    [Theory]
    [InlineData("GET", "/create")]
    [InlineData("POST", "/create")]
    [InlineData("GET", "/1/update")]
    [InlineData("POST", "/1/update")]
    [InlineData("POST", "/1/delete")]
    public async Task Pages_that_change_posts_need_a_login(string method, string path)
    {
        await using var site = BlogSite.Start();

        // A visitor's own token, so the CSRF check lets the request reach the login check.
        var token = await site.Client.CsrfToken();
        var response = await site.Client.Send(new HttpMethod(method), path, headers: method == "GET" ? [] : [new("X-CSRFToken", token)]);
        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/auth/login", response.Location);
    }

    [Fact]
    public async Task Only_the_author_may_change_a_post()
    {
        await using var site = BlogSite.Start();
        using (var db = site.Database.Open())
        {
            db.Execute("UPDATE post SET author_id = 2 WHERE id = 1");
        }

        await site.Login();
        var token = await site.Client.CsrfToken();
        Assert.Equal(403, (await site.Client.Get("/1/update")).StatusCode);
        Assert.Equal(403, (await site.Client.PostForm("/1/update", [new("csrf_token", token), new("title", "mine"), new("body", "")])).StatusCode);
        Assert.Equal(403, (await site.Client.PostForm("/1/delete", [new("csrf_token", token)])).StatusCode);
        Assert.DoesNotContain("href=\"/1/update\"", (await site.Client.Get("/")).Text);
        using var check = site.Database.Open();
        Assert.Equal("test title", check.QuerySingle<string>("SELECT title FROM post WHERE id = 1"));
    }

    [Theory]
    [InlineData("GET", "/2/update")]
    [InlineData("POST", "/2/update")]
    [InlineData("POST", "/2/delete")]
    public async Task A_missing_post_is_not_found(string method, string path)
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var token = await site.Client.CsrfToken();
        var response = method == "GET"
            ? await site.Client.Get(path)
            : await site.Client.PostForm(path, [new("csrf_token", token), new("title", "x"), new("body", "")]);
        Assert.Equal(404, response.StatusCode);
        Assert.Contains("Post id 2 doesn&#39;t exist.", response.Text);
    }

    [Fact]
    public async Task Create_adds_a_post_by_the_user()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        Assert.Equal(200, (await site.Client.Get("/create")).StatusCode);

        var response = await site.Submit("/create", ("title", "created"), ("body", "the body"));

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/", response.Location);
        using var db = site.Database.Open();
        Assert.Equal(2, db.QuerySingle<int>("SELECT COUNT(id) FROM post"));
        var post = db.QuerySingle<(string Title, string Body, long AuthorId)>("SELECT title, body, author_id FROM post WHERE id = 2");
        Assert.Equal(("created", "the body", 1L), post);
    }

    [Fact]
    public async Task Update_changes_the_post()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var form = await site.Client.Get("/1/update");
        Assert.Equal(200, form.StatusCode);
        Assert.Contains("<h1>Edit \"test title\"</h1>", form.Text);
        Assert.Contains("value=\"test title\"", form.Text);

        var response = await site.Submit("/1/update", ("title", "updated"), ("body", ""));

        Assert.Equal("/", response.Location);
        using var db = site.Database.Open();
        Assert.Equal("updated", db.QuerySingle<string>("SELECT title FROM post WHERE id = 1"));
    }

    [Theory]
    [InlineData("/create")]
    [InlineData("/1/update")]
    public async Task Create_and_update_need_a_title_and_keep_what_was_typed(string path)
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var response = await site.Submit(path, ("title", ""), ("body", "typed <text>"));
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("<div class=\"flash\">Title is required.</div>", response.Text);
        Assert.Contains(">typed &lt;text&gt;</textarea>", response.Text);
    }

    [Fact]
    public async Task Delete_removes_the_post()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var token = await site.Client.CsrfToken();

        var response = await site.Client.PostForm("/1/delete", [new("csrf_token", token)]);

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/", response.Location);
        using var db = site.Database.Open();
        Assert.Equal(0, db.QuerySingle<int>("SELECT COUNT(*) FROM post WHERE id = 1"));
    }

    [Fact]
    public async Task Delete_only_answers_post()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var response = await site.Client.Get("/1/delete");
        Assert.Equal(405, response.StatusCode);
        Assert.Equal("OPTIONS, POST", response.Header("Allow"));
    }

    [Theory]
    [InlineData("/create")]
    [InlineData("/1/update")]
    [InlineData("/1/delete")]
    public async Task Post_forms_without_a_csrf_token_are_refused(string path)
    {
        await using var site = BlogSite.Start();
        await site.Login();
        var response = await site.Client.PostForm(path, [new("title", "x"), new("body", "y")], withCsrfToken: false);
        Assert.Equal(400, response.StatusCode);
        using var db = site.Database.Open();
        Assert.Equal("test title", db.QuerySingle<string>("SELECT title FROM post WHERE id = 1"));
    }

    [Theory]
    [InlineData("no body")]
    [InlineData("text/plain")]
    [InlineData("json")]
    [InlineData("form")]
    public async Task Deleting_a_post_without_a_token_is_refused_whatever_the_body(string body)
    {
        // What another site can make a logged-in visitor's browser send: a form with enctype="text/plain" or none at
        // all needs no script.
        await using var site = BlogSite.Start();
        await site.Login();
        HttpContent? content = body switch
        {
            "text/plain" => new StringContent("x=1\r\n", System.Text.Encoding.UTF8, "text/plain"),
            "json" => new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            "form" => new FormUrlEncodedContent([new("x", "1")]),
            _ => null,
        };

        var response = await site.Client.Post("/1/delete", content);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("The CSRF token is missing", response.Text);
        using var db = site.Database.Open();
        Assert.Equal(1, db.QuerySingle<int>("SELECT COUNT(*) FROM post WHERE id = 1"));
    }

    [Fact]
    public async Task A_token_from_before_login_cannot_delete_a_post_after_it()
    {
        await using var site = BlogSite.Start();
        var beforeLogin = await site.Client.CsrfToken();
        var login = await site.Client.PostForm("/auth/login", [new("csrf_token", beforeLogin), new("username", "test"), new("password", "test")]);
        Assert.Equal("/", login.Location);

        var response = await site.Client.PostForm("/1/delete", [new("csrf_token", beforeLogin)]);

        Assert.Equal(400, response.StatusCode);
        using var db = site.Database.Open();
        Assert.Equal(1, db.QuerySingle<int>("SELECT COUNT(*) FROM post WHERE id = 1"));
    }

    [Fact]
    public async Task Every_form_carries_a_csrf_token()
    {
        await using var site = BlogSite.Start();
        foreach (var page in new[] { "/auth/register", "/auth/login" })
        {
            var text = (await site.Client.Get(page)).Text;
            Assert.Equal(CountOf(text, "<form"), CountOf(text, "name=\"csrf_token\""));
        }

        await site.Login();
        foreach (var page in new[] { "/create", "/1/update" })
        {
            var text = (await site.Client.Get(page)).Text;
            Assert.Equal(CountOf(text, "<form"), CountOf(text, "name=\"csrf_token\""));
        }

        static int CountOf(string text, string part) => text.Split(part).Length - 1;
    }

    [Fact]
    public async Task Titles_and_bodies_are_escaped()
    {
        await using var site = BlogSite.Start();
        await site.Login();
        await site.Submit("/create", ("title", "<script>alert(1)</script>"), ("body", "a & b"));
        var page = (await site.Client.Get("/")).Text;
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("a &amp; b", page);
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_static()
    {
        await using var site = BlogSite.Start();
        Assert.Contains("href=\"/static/style.css\"", (await site.Client.Get("/")).Text);
        var css = await site.Client.Get("/static/style.css");
        Assert.Equal(200, css.StatusCode);
        Assert.StartsWith("text/css", css.ContentType);
    }

    [Fact]
    public async Task Init_db_creates_the_tutorial_schema()
    {
        var folder = Directory.CreateTempSubdirectory("blog-init-").FullName;
        try
        {
            var database = new Database(Path.Combine(folder, "sub", "new.sqlite"));
            database.Init();
            using var db = database.Open();
            var columns = db.Query<string>("SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name IN ('user', 'post') ORDER BY m.name, p.cid");
            Assert.Equal(["post.id", "post.author_id", "post.created", "post.title", "post.body", "user.id", "user.username", "user.password"], columns);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
