using System.Text.Json;
using System.Text.RegularExpressions;
using Micro.Security;

namespace Micro.Tests.Security;

public class PasswordHashTests
{
    // Cheap custom parameters, so round trips stay fast; the defaults are covered once each.
    public static TheoryData<string> FastMethods => new()
    {
        "scrypt:1024:1:16", "scrypt:128:1:1", "scrypt:2048:4:2",
        "pbkdf2:sha256:1000", "pbkdf2:sha512:2000", "pbkdf2:sha1:1000", "pbkdf2:sha384:1500",
    };

    public static TheoryData<string, string, string> WerkzeugHashes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (JsonElement c in Goldens.Load("password_hashes.json").GetProperty("hashes").EnumerateArray())
        {
            data.Add(c.GetProperty("method").GetString()!, c.GetProperty("password").GetString()!, c.GetProperty("hash").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string> MalformedHashes()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Goldens.Load("password_hashes.json").GetProperty("malformed").EnumerateArray())
        {
            data.Add(c.GetProperty("hash").GetString()!, c.GetProperty("werkzeug").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WerkzeugHashes))]
    public void Check_accepts_the_password_of_every_hash_Werkzeug_made(string method, string password, string hash)
    {
        Assert.True(PasswordHash.Check(hash, password), $"{method}: {hash}");
    }

    [Theory]
    [MemberData(nameof(WerkzeugHashes))]
    public void Check_rejects_other_passwords_for_hashes_Werkzeug_made(string method, string password, string hash)
    {
        // One wrong password per method is enough for the slow defaults.
        if (method is "scrypt" or "pbkdf2" or "pbkdf2:sha512" or "scrypt:16384:8:1" or "pbkdf2:sha256:260000" && password != "hunter2")
        {
            return;
        }

        Assert.False(PasswordHash.Check(hash, password + "x"), method);
        Assert.False(PasswordHash.Check(hash, password.ToUpperInvariant() + "!"), method);
    }

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void Check_returns_false_for_malformed_hashes_where_Werkzeug_returns_false_or_raises(string hash, string werkzeug)
    {
        Assert.False(PasswordHash.Check(hash, "password"), $"Werkzeug {werkzeug}");
    }

    [Theory]
    [InlineData("scrypt:2097152:8:1$salt$00")]
    [InlineData("scrypt:1024:1:1048576$salt$00")]
    [InlineData("scrypt:99999999999999999999:8:1$salt$00")]
    [InlineData("scrypt: 128:1:1$salt$00")]
    [InlineData("scrypt:+128:1:1$salt$00")]
    [InlineData("pbkdf2:sha256:2147483648$salt$00")]
    [InlineData("pbkdf2:sha224:1000$salt$00")]
    [InlineData("pbkdf2:sha256:1_000$salt$00")]
    [InlineData("PBKDF2:sha256:1000$salt$00")]
    [InlineData("$$")]
    [InlineData("scrypt$$")]
    public void Check_returns_false_without_allocating_or_throwing_for_hashes_Werkzeug_cannot_make(string hash)
    {
        Assert.False(PasswordHash.Check(hash, "password"));
    }

    [Fact]
    public void Check_returns_false_when_the_stored_hex_is_altered()
    {
        string hash = PasswordHash.Generate("pw", "pbkdf2:sha256:1000");
        string hex = hash[(hash.LastIndexOf('$') + 1)..];

        Assert.True(PasswordHash.Check(hash, "pw"));
        Assert.False(PasswordHash.Check(hash.ToUpperInvariant().Replace("PBKDF2:SHA256", "pbkdf2:sha256", StringComparison.Ordinal), "pw"));
        Assert.False(PasswordHash.Check(hash[..^1], "pw"));
        Assert.False(PasswordHash.Check(hash + "0", "pw"));
        Assert.False(PasswordHash.Check(hash + "$", "pw"));
        Assert.False(PasswordHash.Check(hash.Replace(hex, new string('0', hex.Length), StringComparison.Ordinal), "pw"));
    }

    [Theory]
    [MemberData(nameof(FastMethods))]
    public void Generate_round_trips_through_Check(string method)
    {
        string hash = PasswordHash.Generate("pässwörd 🔑", method);

        Assert.StartsWith(method + "$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Check(hash, "pässwörd 🔑"));
        Assert.False(PasswordHash.Check(hash, "passwörd 🔑"));
    }

    [Fact]
    public void Generate_defaults_to_Werkzeug_3_1_scrypt()
    {
        string hash = PasswordHash.Generate("hunter2");

        Assert.Matches(new Regex("^scrypt:32768:8:1\\$[a-zA-Z0-9]{16}\\$[0-9a-f]{128}$"), hash);
        Assert.True(PasswordHash.Check(hash, "hunter2"));
    }

    [Theory]
    [InlineData("pbkdf2", "pbkdf2:sha256:1000000", 64)]
    [InlineData("pbkdf2:sha512", "pbkdf2:sha512:1000000", 128)]
    [InlineData("pbkdf2:sha1:1000", "pbkdf2:sha1:1000", 40)]
    [InlineData("pbkdf2:sha384:01000", "pbkdf2:sha384:1000", 96)]
    [InlineData("scrypt:0128:01:1", "scrypt:128:1:1", 128)]
    public void Generate_writes_the_method_with_Werkzeug_defaults_filled_in(string method, string written, int hexLength)
    {
        string hash = PasswordHash.Generate("hunter2", method);

        Assert.Matches(new Regex($"^{Regex.Escape(written)}\\$[a-zA-Z0-9]{{16}}\\$[0-9a-f]{{{hexLength}}}$"), hash);
    }

    [Theory]
    [InlineData("pbkdf2:SHA256:1000")]
    [InlineData("pbkdf2:sha-512:1000")]
    public void Generate_keeps_the_hash_name_as_written_like_Werkzeug(string method)
    {
        Assert.StartsWith(method + "$", PasswordHash.Generate("pw", method), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_uses_a_fresh_salt_of_the_requested_length()
    {
        string[] salts = Enumerable.Range(0, 3)
            .Select(_ => PasswordHash.Generate("pw", "pbkdf2:sha256:1", saltLength: 40).Split('$')[1])
            .ToArray();

        Assert.All(salts, salt => Assert.Matches("^[a-zA-Z0-9]{40}$", salt));
        Assert.Equal(3, salts.Distinct().Count());
        Assert.Single(PasswordHash.Generate("pw", "pbkdf2:sha256:1", saltLength: 1).Split('$')[1]);
    }

    [Theory]
    [InlineData("bcrypt")]
    [InlineData("Scrypt")]
    [InlineData("")]
    [InlineData("sha256")]
    public void Generate_rejects_an_unknown_method_naming_it_and_listing_the_valid_ones(string method)
    {
        var e = Assert.Throws<ArgumentException>(() => PasswordHash.Generate("pw", method));

        Assert.Equal("method", e.ParamName);
        Assert.Contains($"'{method}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'scrypt:N:r:p'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'pbkdf2:HASH:ITERATIONS'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scrypt:3:8:1", "power of 2")]
    [InlineData("scrypt:16:8", "3 arguments")]
    [InlineData("scrypt:", "3 arguments")]
    [InlineData("scrypt:a:8:1", "whole numbers")]
    [InlineData("scrypt:16:1:1", "memory")]
    [InlineData("pbkdf2:sha224", "unsupported hash 'sha224'")]
    [InlineData("pbkdf2:sha256:0", "iterations")]
    [InlineData("pbkdf2:sha256:-1", "iterations")]
    [InlineData("pbkdf2:sha256:1000:1", "2 arguments")]
    public void Generate_rejects_bad_parameters_quoting_the_method(string method, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => PasswordHash.Generate("pw", method));

        Assert.Contains($"'{method}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_rejects_a_salt_length_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Generate("pw", "pbkdf2:sha256:1", saltLength: 0));
    }

    [Fact]
    public void A_password_with_an_unpaired_surrogate_cannot_be_hashed_or_match()
    {
        string hash = PasswordHash.Generate("\uFFFD", "pbkdf2:sha256:1");

        Assert.Throws<ArgumentException>(() => PasswordHash.Generate("\uD800", "pbkdf2:sha256:1"));
        Assert.False(PasswordHash.Check(hash, "\uD800"));
    }
}
