namespace Blog;

/// <summary>A row of the <c>user</c> table.</summary>
public sealed record User
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
}

/// <summary>A post with its author's name, as the tutorial's queries select it.</summary>
public sealed record Post
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTime Created { get; init; }
    public long AuthorId { get; init; }
    public string Username { get; init; } = "";
}
