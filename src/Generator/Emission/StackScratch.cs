using System.Collections.Generic;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Scratch spans small enough for the stack, for one generated method. A gradient's local arrays and adjoints of a few
/// elements (ADBench's GMM on one point: k, d and k·d doubles, fourteen of them) each cost a <c>ScratchPool</c> rent and
/// return, a thread-static lookup apiece: about a fifth of that gradient's time. At the method's top level a span of at
/// most <see cref="Limit"/> elements is <c>stackalloc</c>ed instead, up to <see cref="MostPerMethod"/> of them (8 KB of
/// <c>double</c> at most: pullbacks called from a reverse sweep and the tile kernels' tables take stack too); a longer
/// one, one past that many, or one whose length calls a method (it is read up to three times) is rented as before. The
/// length is read at run time, as an unsigned number, so that a negative length goes to <c>Rent</c>, which throws
/// <c>ArgumentOutOfRangeException</c> as before (<c>stackalloc</c> reads it unsigned too: it would take gigabytes and
/// end the process):
/// <code>
/// double[]? zBuffer = (uint)k &gt; 64u ? ScratchPool&lt;double&gt;.Rent(k) : null;
/// Span&lt;double&gt; z = zBuffer is null ? stackalloc double[k] : ScratchPool&lt;double&gt;.Cleared(zBuffer, k);
/// ...
/// ScratchPool&lt;double&gt;.ReturnRented(zBuffer);
/// </code>
/// Stack memory is zeroed when the method zeroes its locals (C#'s default); under <c>[SkipLocalsInit]</c> on a
/// containing type or the module the span is cleared after it instead (<c>z.Clear();</c>), as a rented one always is.
/// Only at the top level: a <c>stackalloc</c> in a loop would take more stack at every iteration, and a span declared
/// before a branch cannot take stack memory inside it.
/// </summary>
internal sealed class StackScratch
{
    /// <summary>Scratch spans up to this many elements (512 bytes of <c>double</c>) live on the stack.</summary>
    public const int Limit = 64;

    /// <summary>At most this many spans of one method live on the stack.</summary>
    public const int MostPerMethod = 16;

    private readonly bool zeroed;
    private readonly HashSet<string> buffers = new();

    /// <param name="zeroed">Whether the method zeroes its locals (<c>Model.MethodModel.ZeroedStack</c>).</param>
    public StackScratch(bool zeroed) => this.zeroed = zeroed;

    /// <summary>Whether one more span of the method may live on the stack.</summary>
    public bool HasRoom => buffers.Count < MostPerMethod;

    /// <summary><paramref name="length"/> read as an unsigned number: a negative one compares above every limit.</summary>
    public static string Unsigned(string length) => "(uint)" + (IsSimple(length) ? length : "(" + length + ")");

    private static bool IsSimple(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="buffer"/> may be null (its span went to the stack): returned with <c>ReturnRented</c>.</summary>
    public bool MayBeNull(string buffer) => buffers.Contains(buffer);

    /// <summary>The declaration of <paramref name="span"/> over the stack or a rented <paramref name="buffer"/>, zeroed.</summary>
    public void Write(IndentedWriter writer, RealText real, string span, string buffer, string length)
    {
        buffers.Add(buffer);
        Declare(writer, real, span, buffer, length, zeroed, clear: true);
    }

    /// <summary>
    /// A span of <paramref name="length"/> elements on the stack up to <see cref="Limit"/>, else over a rented
    /// <paramref name="buffer"/> (null when on the stack). With <paramref name="clear"/> it starts zeroed: by the runtime
    /// on the stack where <paramref name="zeroedStack"/> (the rented one by <c>ScratchPool.Cleared</c>), else by a
    /// <c>Clear()</c> after it. The vector-valued methods' scratch (<c>VectorEmitter.WriteScratch</c>) is written here too.
    /// </summary>
    public static void Declare(IndentedWriter writer, RealText real, string span, string buffer, string length, bool zeroedStack, bool clear)
    {
        writer.Line(real.Keyword + "[]? " + buffer + " = " + Unsigned(length) + " > " + Limit + "u ? " + real.Pool + ".Rent(" + length + ") : null;");
        string rented = clear && zeroedStack ? real.Pool + ".Cleared(" + buffer + ", " + length + ")" : "new " + real.Span + "(" + buffer + ", 0, " + length + ")";
        writer.Line(real.Span + " " + span + " = " + buffer + " is null ? stackalloc " + real.Keyword + "[" + length + "] : " + rented + ";");
        if (clear && !zeroedStack)
        {
            writer.Line(span + ".Clear();");
        }
    }
}
