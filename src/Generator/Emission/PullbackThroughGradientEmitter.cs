using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emission;

/// <summary>
/// The body of a pullback that calls the gradient (<see cref="Vectorization.PullbackThroughGradient"/>), after the usual
/// length and overlap checks:
/// <code>
/// // LossGradient runs its rows in tiles, which overwrite its outputs: it runs into scratch, and seed times what it gives is added to the outputs.
/// double[]? gradientOfWBuffer = (uint)w.Length &gt; 64u ? global::SymGrad.ScratchPool&lt;double&gt;.Rent(w.Length) : null;
/// Span&lt;double&gt; gradientOfW = gradientOfWBuffer is null ? stackalloc double[w.Length] : new Span&lt;double&gt;(gradientOfWBuffer, 0, w.Length);
/// double value = LossGradient(w, x, y, n, k, gradientOfW);
/// global::SymGrad.Kernels.AddScaled(dw, 0, seed, gradientOfW, 0, dw.Length);
/// global::SymGrad.ScratchPool&lt;double&gt;.ReturnRented(gradientOfWBuffer);
/// return value;
/// </code>
/// The scratch needs no clearing: the gradient clears its output spans. Up to <see cref="StackScratch.MostPerMethod"/>
/// spans may go on the stack, the rest are rented. Its names avoid every parameter's.
/// </summary>
internal static class PullbackThroughGradientEmitter
{
    public static void WriteBody(IndentedWriter writer, GradientModel model, List<ParameterModel> differentiated)
    {
        MethodModel method = model.Method;
        RealText real = RealText.Of(method);
        string seed = model.Request.SeedParameter!;
        var taken = new HashSet<string>(method.Parameters.Select(p => Naming.NameAllocator.Unescaped(p.Name)).Concat(differentiated.Select(p => p.GradientName)).Append(seed));
        string Fresh(string stem)
        {
            string name = stem;
            for (int suffix = 2; !taken.Add(name); suffix++)
            {
                name = stem + suffix;
            }

            return name;
        }

        writer.Line("// " + method.Name + "Gradient runs its rows in tiles, which overwrite its outputs: it runs into scratch, and " + seed + " times what it gives is added to the outputs.");
        var scratch = new List<(ParameterModel Parameter, string Name, string? Buffer)>();
        foreach (ParameterModel parameter in differentiated)
        {
            string stem = Naming.NameAllocator.Unescaped(parameter.Name);
            string name = Fresh("gradientOf" + char.ToUpperInvariant(stem[0]) + stem.Substring(1));
            if (parameter.IsArray)
            {
                string buffer = Fresh(name + "Buffer");
                string length = parameter.Name + ".Length";
                if (scratch.Count(s => s.Buffer is not null) < StackScratch.MostPerMethod)
                {
                    // Not cleared: the gradient clears its output spans.
                    StackScratch.Declare(writer, real, name, buffer, length, method.ZeroedStack, clear: false);
                }
                else
                {
                    writer.Line(real.Keyword + "[] " + buffer + " = " + real.Pool + ".Rent(" + length + ");");
                    writer.Line(real.Span + " " + name + " = new " + real.Span + "(" + buffer + ", 0, " + length + ");");
                }

                scratch.Add((parameter, name, buffer));
            }
            else
            {
                scratch.Add((parameter, name, null));
            }
        }

        string value = Fresh("value");
        IEnumerable<string> arguments = method.Parameters.Select(p => p.Name)
            .Concat(scratch.Select(s => s.Buffer is null ? "out " + real.Keyword + " " + s.Name : s.Name));
        writer.Line(real.Keyword + " " + value + " = " + method.Name + "Gradient(" + string.Join(", ", arguments) + ");");
        foreach ((ParameterModel parameter, string name, string? buffer) in scratch)
        {
            writer.Line(buffer is null
                ? parameter.GradientName + " += " + seed + " * " + name + ";"
                : "global::SymGrad.Kernels.AddScaled(" + parameter.GradientName + ", 0, " + seed + ", " + name + ", 0, " + parameter.GradientName + ".Length);");
        }

        foreach ((ParameterModel _, string _, string? buffer) in scratch.Where(s => s.Buffer is not null))
        {
            writer.Line(real.Pool + ".ReturnRented(" + buffer + ");");
        }

        writer.Line("return " + value + ";");
    }
}
