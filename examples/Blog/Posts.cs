using Dapper;
using Micro;
using static Micro.Responses;

namespace Blog;

/// <summary>Flask's blog.py: list, create, update and delete posts.</summary>
public static class Posts
{
    private const string Select =
        "SELECT p.id, title, body, created, author_id, username FROM post p JOIN user u ON p.author_id = u.id";

    /// <summary>Registers the <c>blog</c> blueprint at the root of the site.</summary>
    public static void Register(MicroApp app)
    {
        var bp = new Blueprint("blog");

        bp.Get("/", (Database database) =>
        {
            using var db = database.Open();

            // Newest first; the id breaks ties between posts made in the same second.
            var posts = db.Query<Post>($"{Select} ORDER BY created DESC, p.id DESC").ToList();
            return app.Render("blog/index.html", new { posts });
        }, endpoint: "index");

        bp.Route("/create", async (Request request, Session session, Database database) =>
        {
            if (request.Method == "POST")
            {
                var form = await request.FormAsync();
                var title = form["title"];
                var body = form["body"];

                if (title.Length == 0)
                {
                    session.Flash("Title is required.");
                }
                else
                {
                    using var db = database.Open();
                    db.Execute(
                        "INSERT INTO post (title, body, author_id) VALUES (@title, @body, @author)",
                        new { title, body, author = Auth.CurrentUser(request)!.Id });
                    return Redirect(app.UrlFor("blog.index"));
                }

                return app.Render("blog/create.html");
            }

            return app.Render("blog/create.html");
        }, ["GET", "POST"], endpoint: "create").LoginRequired();

        bp.Route("/<int:id>/update", async (long id, Request request, Session session, Database database) =>
        {
            var post = GetPost(database, request, id);

            if (request.Method == "POST")
            {
                var form = await request.FormAsync();
                var title = form["title"];
                var body = form["body"];

                if (title.Length == 0)
                {
                    session.Flash("Title is required.");
                }
                else
                {
                    using var db = database.Open();
                    db.Execute("UPDATE post SET title = @title, body = @body WHERE id = @id", new { title, body, id });
                    return Redirect(app.UrlFor("blog.index"));
                }

                return app.Render("blog/update.html", new { post });
            }

            return app.Render("blog/update.html", new { post });
        }, ["GET", "POST"], endpoint: "update").LoginRequired();

        bp.Post("/<int:id>/delete", (long id, Request request, Database database) =>
        {
            GetPost(database, request, id);
            using var db = database.Open();
            db.Execute("DELETE FROM post WHERE id = @id", new { id });
            return Redirect(app.UrlFor("blog.index"));
        }, endpoint: "delete").LoginRequired();

        app.Register(bp);
    }

    /// <summary>Gets a post and its author: 404 when it does not exist, 403 when <paramref name="checkAuthor"/> and it is someone else's.</summary>
    public static Post GetPost(Database database, Request request, long id, bool checkAuthor = true)
    {
        using var db = database.Open();
        var post = db.QuerySingleOrDefault<Post>($"{Select} WHERE p.id = @id", new { id })
            ?? throw new HttpException(404, $"Post id {id} doesn't exist.");

        if (checkAuthor && post.AuthorId != Auth.CurrentUser(request)?.Id)
        {
            Abort(403);
        }

        return post;
    }
}
