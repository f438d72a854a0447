using Micro.Testing;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Sessions;

public class FlashTests
{
    private static MicroApp FlashApp()
    {
        var app = TestApps.Create();
        app.Get("/flash", (Session session) =>
        {
            session.Flash("Saved.");
            session.Flash("Disk almost full.", "warning");
            session.Flash("Could not send mail.", "error");
            return Redirect("/show");
        });
        app.Get("/show", (Session session) => string.Join("|", session.GetFlashedMessages()));
        app.Get("/categories", (Session session) =>
            string.Join("|", session.GetFlashedMessagesWithCategories().Select(flash => $"{flash.Category}:{flash.Message}")));
        app.Get("/errors", (Session session) =>
            string.Join("|", session.GetFlashedMessages(["error", "warning"])) + " then " + string.Join("|", session.GetFlashedMessages()));
        return app;
    }

    [Fact]
    public async Task A_flashed_message_survives_a_redirect_and_is_gone_after_it_is_read()
    {
        await using var client = FlashApp().TestClient();

        var shown = await client.Get("/flash", followRedirects: true);
        var again = await client.Get("/show");

        Assert.Equal("Saved.|Disk almost full.|Could not send mail.", shown.Text);
        Assert.Equal("", again.Text);
    }

    [Fact]
    public async Task Messages_come_with_their_categories_when_asked()
    {
        await using var client = FlashApp().TestClient();
        await client.Get("/flash");

        var shown = await client.Get("/categories");

        Assert.Equal("message:Saved.|warning:Disk almost full.|error:Could not send mail.", shown.Text);
    }

    [Fact]
    public async Task A_category_filter_selects_messages_and_every_read_in_a_request_sees_the_same_ones()
    {
        await using var client = FlashApp().TestClient();
        await client.Get("/flash");

        var shown = await client.Get("/errors");

        Assert.Equal("Disk almost full.|Could not send mail. then Saved.|Disk almost full.|Could not send mail.", shown.Text);
        Assert.Equal("", (await client.Get("/show")).Text);
    }

    [Fact]
    public async Task Reading_when_nothing_was_flashed_writes_no_cookie()
    {
        await using var client = FlashApp().TestClient();

        var shown = await client.Get("/show");

        Assert.Equal("", shown.Text);
        Assert.Null(shown.Header("Set-Cookie"));
    }
}
