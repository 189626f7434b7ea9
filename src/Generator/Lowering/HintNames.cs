using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// The hint name of a method's generated file: its containing type, its name and its parameter types, with every
/// character that is not a letter, a digit, '.' or '_' made '_', then ".SymGrad.g.cs", for example
/// <c>Models.Softmax.Loss_doubleArray_int.SymGrad.g.cs</c>. A build that writes generated files to disk
/// (<c>EmitCompilerGeneratedFiles</c>) makes the hint name a file name, which no common file system allows beyond 255
/// bytes, so a name over <see cref="MostBytes"/> UTF-8 bytes (a method with many parameters) keeps as much of its start
/// as fits and ends in a hash of the whole name: still readable, still distinct for overloads that differ only at the end.
/// </summary>
internal static class HintNames
{
    /// <summary>The most UTF-8 bytes of a hint name, extension included: under 255 with room for the "_2" of a collision.</summary>
    public const int MostBytes = 200;

    private const string Extension = ".SymGrad.g.cs";

    public static string Of(IMethodSymbol method)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        string parameters = string.Join("_", method.Parameters.Select(p => p.Type.ToDisplayString().Replace("[]", "Array").Replace("[,]", "Matrix")));
        return FromParts(type + "." + method.Name + (parameters.Length > 0 ? "_" + parameters : string.Empty));
    }

    /// <summary>The hint name of the unsanitised name <paramref name="raw"/> (type, method and parameters).</summary>
    public static string FromParts(string raw)
    {
        string name = new(raw.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray());
        if (Encoding.UTF8.GetByteCount(name) + Extension.Length <= MostBytes)
        {
            return name + Extension;
        }

        string hash = "_" + Fnv1a(raw).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        int room = MostBytes - Extension.Length - hash.Length;
        var start = new StringBuilder();
        int bytes = 0;
        foreach (char c in name)
        {
            // Sanitised names hold no surrogates (they are not letters or digits), so each char is one code point of
            // one to three UTF-8 bytes.
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > room)
            {
                break;
            }

            start.Append(c);
            bytes += size;
        }

        return start + hash + Extension;
    }

    /// <summary>The 32-bit FNV-1a hash of the name's UTF-16 code units: the same on every machine and run.</summary>
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ (c & 0xFFu)) * 16777619;
            hash = (hash ^ (uint)(c >> 8)) * 16777619;
        }

        return hash;
    }
}
