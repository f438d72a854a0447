using System.Globalization;

namespace Micro.Routing;

/// <summary>Checks that a route value parses to the handler parameter's type the way ASP.NET Core's binder will parse it.</summary>
internal static class ValueBinding
{
    public static bool Fits(Type type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => int.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.Int64 => long.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.Int16 => short.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.Byte => byte.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.SByte => sbyte.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt16 => ushort.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt32 => uint.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt64 => ulong.TryParse(text, NumberStyles.Integer, invariant, out _),
            TypeCode.Double => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out var d) && double.IsFinite(d),
            TypeCode.Single => float.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out var f) && float.IsFinite(f),
            TypeCode.Decimal => decimal.TryParse(text, NumberStyles.Number, invariant, out _),
            _ when type == typeof(Guid) => Guid.TryParse(text, out _),
            _ => true,
        };
    }
}
