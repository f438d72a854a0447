using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>An ASP.NET Core <see cref="IResult"/> (<c>Results.Json</c>, <c>TypedResults.Ok</c>...): it writes itself.</summary>
internal sealed class ResultBody : BodyKind
{
    public static readonly ResultBody Instance = new();

    public override bool OwnsStatus => true;

    public override Task WriteAsync(Response response, HttpContext context, bool head) =>
        ((IResult)response.Body!).ExecuteAsync(context);
}
