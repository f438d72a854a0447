using Dapper;
using Micro;
using Micro.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using static Micro.Responses;

namespace Blog;

/// <summary>Flask's auth.py: register, log in, log out, the logged-in user on every request, and login_required.</summary>
public static class Auth
{
    /// <summary>Registers the <c>auth</c> blueprint and the hooks that load the user and enforce <see cref="LoginRequired{TBuilder}"/>.</summary>
    public static void Register(MicroApp app)
    {
        var bp = new Blueprint("auth", urlPrefix: "/auth");

        bp.Route("/register", async (Request request, Session session, Database database) =>
        {
            if (request.Method == "POST")
            {
                var form = await request.FormAsync();
                var username = form["username"];
                var password = form["password"];
                string? error = null;

                if (username.Length == 0)
                {
                    error = "Username is required.";
                }
                else if (password.Length == 0)
                {
                    error = "Password is required.";
                }

                if (error is null)
                {
                    try
                    {
                        using var db = database.Open();
                        db.Execute(
                            "INSERT INTO user (username, password) VALUES (@username, @password)",
                            new { username, password = PasswordHash.Generate(password) });
                        return Redirect(app.UrlFor("auth.login"));
                    }
                    catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the name is taken
                    {
                        error = $"User {username} is already registered.";
                    }
                }

                session.Flash(error);
            }

            return app.Render("auth/register.html");
        }, ["GET", "POST"], endpoint: "register");

        bp.Route("/login", async (Request request, Session session, Database database) =>
        {
            if (request.Method == "POST")
            {
                var form = await request.FormAsync();
                var username = form["username"];
                var password = form["password"];
                using var db = database.Open();
                var user = db.QuerySingleOrDefault<User>("SELECT * FROM user WHERE username = @username", new { username });
                string? error = null;

                if (user is null)
                {
                    error = "Incorrect username.";
                }
                else if (!PasswordHash.Check(user.Password, password))
                {
                    error = "Incorrect password.";
                }

                if (error is null)
                {
                    session.Clear();
                    session["user_id"] = user!.Id;
                    return Redirect(app.UrlFor("blog.index"));
                }

                session.Flash(error);
            }

            return app.Render("auth/login.html");
        }, ["GET", "POST"], endpoint: "login");

        bp.Get("/logout", (Session session) =>
        {
            session.Clear();
            return Redirect(app.UrlFor("blog.index"));
        }, endpoint: "logout");

        // Flask's @bp.before_app_request: runs for every request of the app, not just this blueprint's.
        app.BeforeRequest((Request request, Session session, Database database) =>
        {
            var userId = session.Get<long?>("user_id");
            User? user = null;
            if (userId is not null)
            {
                using var db = database.Open();
                user = db.QuerySingleOrDefault<User>("SELECT * FROM user WHERE id = @id", new { id = userId });
            }

            request.G["user"] = user;

            // Flask's @login_required, read from the endpoint's metadata.
            var loginRequired = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<LoginRequiredMetadata>() is not null;
            return loginRequired && user is null ? Redirect(app.UrlFor("auth.login")) : null;
        });

        app.Register(bp);
    }

    /// <summary>Flask's <c>@login_required</c>: a visitor who is not logged in is redirected to the login page.</summary>
    public static TBuilder LoginRequired<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LoginRequiredMetadata());

    /// <summary>The user who is logged in (Flask's <c>g.user</c>), or <see langword="null"/>.</summary>
    public static User? CurrentUser(Request request) => request.G.TryGetValue("user", out var user) ? user as User : null;

    private sealed class LoginRequiredMetadata;
}
