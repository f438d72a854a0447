using System.Text;
using Micro.Security;

namespace Micro.Tests.Security;

public class ScryptTests
{
    public static TheoryData<string, string, int, int, int, string> Rfc7914Vectors => new()
    {
        // RFC 7914 section 12; the fourth vector (N = 2^20, 1 GB) is left out to keep the suite light.
        {
            "", "", 16, 1, 1,
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        },
        {
            "password", "NaCl", 1024, 8, 16,
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        },
        {
            "pleaseletmein", "SodiumChloride", 16384, 8, 1,
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
        },
    };

    public static TheoryData<long, long, long, bool> WerkzeugParameters()
    {
        var data = new TheoryData<long, long, long, bool>();
        foreach (var c in Goldens.Load("password_hashes.json").GetProperty("scryptParameters").EnumerateArray())
        {
            data.Add(c.GetProperty("n").GetInt64(), c.GetProperty("r").GetInt64(), c.GetProperty("p").GetInt64(), c.GetProperty("valid").GetBoolean());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rfc7914Vectors))]
    public void Scrypt_reproduces_the_RFC_7914_test_vectors(string password, string salt, int n, int r, int p, string expected)
    {
        byte[] key = Scrypt.DeriveBytes(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64);

        Assert.Equal(expected, Convert.ToHexStringLower(key));
    }

    [Theory]
    [MemberData(nameof(WerkzeugParameters))]
    public void Scrypt_accepts_exactly_the_parameters_Werkzeug_accepts(long n, long r, long p, bool valid)
    {
        Assert.Equal(valid, Scrypt.Validate(n, r, p) is null);
    }

    [Fact]
    public void Scrypt_refuses_parameters_that_would_overflow_without_overflowing()
    {
        Assert.NotNull(Scrypt.Validate(1L << 62, long.MaxValue, long.MaxValue));
        Assert.NotNull(Scrypt.Validate(2, 1, long.MaxValue));
    }
}
