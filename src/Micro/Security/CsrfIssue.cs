using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Micro.Hosting;

namespace Micro.Security;

/// <summary>
/// Issues a CSRF token outside a request, for the test client: what <c>csrf_token()</c> does on a page, for a browser
/// whose cookies are <c>cookieHeader</c> — the token, and the cookies (CSRF cookie, session binding it) that page
/// would set. Runs the same code a page render runs, on a request of its own that never reaches the app's routes.
/// </summary>
internal static class CsrfIssue
{
    public static async Task<(string FieldName, string Token, IReadOnlyList<string> SetCookies)> IssueAsync(IServiceProvider services, string cookieHeader)
    {
        var app = services.GetRequiredService<MicroApp>();
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/";
        if (cookieHeader.Length > 0)
        {
            context.Request.Headers.Cookie = cookieHeader;
        }

        MicroContext.GetOrCreate(context, app.Table);
        var token = CsrfProtection.Token(context);
        var response = new Response();
        await Sessions.SessionInterface.SaveAsync(context, response).ConfigureAwait(false);
        await response.ExecuteAsync(context).ConfigureAwait(false);
        var fieldName = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        return (fieldName, token, context.Response.Headers.SetCookie.Where(value => value is not null).Select(value => value!).ToArray());
    }
}
