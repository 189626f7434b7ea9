using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Simplification;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints the forward-mode methods: <c>FTangent</c> (value and directional derivative),
/// <c>FHessianVectorProduct</c> (the tangent of the gradient) and <c>FHessian</c> (one product per
/// column of the dense Hessian). Their bodies are <see cref="GradientModel"/>s like the gradient's;
/// the signatures, argument checks and locals differ.
/// </summary>
internal static class ForwardModeEmitter
{

    public static void WriteExtras(IndentedWriter writer, DerivativeSet set)
    {
        foreach (GradientModel extra in set.Extras)
        {
            writer.BlankLine();
            if (extra.Request.Mode == DerivativeMode.Tangent)
            {
                WriteTangent(writer, extra);
            }
            else if (extra.Request == DerivativeRequest.HessianBlock)
            {
                HessianEmitter.WriteBlock(writer, extra);
            }
            else
            {
                WriteHessianVectorProduct(writer, extra);
                writer.BlankLine();
                HessianEmitter.WriteHessian(writer, extra, set.Extras.FirstOrDefault(e => e.Request == DerivativeRequest.HessianBlock));
            }
        }
    }

    private static void WriteTangent(IndentedWriter writer, GradientModel model)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<(ParameterModel Parameter, string Direction)> directions = DirectionsOf(model);
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> and its directional derivative by forward-mode differentiation:");
        writer.Line("/// <c>tangent</c> is the gradient dotted with the direction (a Jacobian-vector product), at the cost of about one more evaluation.");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method);
        foreach ((ParameterModel parameter, string direction) in directions)
        {
            writer.Line("/// <param name=\"" + direction + "\">The direction's component along <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        writer.Line("/// <param name=\"" + model.TangentOutput + "\">The derivative of the result along the direction.</param>");
        writer.Line("/// <returns>The value of <c>" + method.Name + "</c>.</returns>");
        IEnumerable<string> parameters = method.Parameters.Select(p => p.TypeText + " " + p.Name)
            .Concat(directions.Select(d => (d.Parameter.IsArray ? (real.ReadOnlySpan + " ") : real.Keyword + " ") + d.Direction))
            .Concat(new[] { "out " + real.Keyword + " " + model.TangentOutput });
        WriteHeader(writer, method, model.Request.MethodSuffix, parameters);
        writer.Open();
        WriteLengthChecks(writer, directions.Where(d => d.Parameter.IsArray).Select(d => (d.Direction, d.Parameter.Name)));
        var printer = ExpressionPrinter.For(model.Method, model.TapeName, model.TangentTapeName);
        WriteTapes(writer, model);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        writer.BlankLine();
        writer.Line(model.TangentOutput + " = " + (model.ResultTangent ?? real.Literal(0.0)) + ";");
        WriteEpilogue(writer, model);
        writer.Close();
    }

    private static void WriteHessianVectorProduct(IndentedWriter writer, GradientModel model)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<(ParameterModel Parameter, string Direction)> directions = DirectionsOf(model);
        List<(ParameterModel Parameter, string Output)> outputs = model.ProductOutputs.Select(o => (method.Parameters.First(p => p.Name == o.Of), o.Name)).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> and the product of its Hessian with the vector <c>v</c>, by forward mode over the reverse sweep:");
        writer.Line("/// the gradient's code, each value followed by its tangent along <c>v</c>; the tangent of the gradient is the Hessian times <c>v</c>.");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method);
        foreach ((ParameterModel parameter, string direction) in directions)
        {
            writer.Line("/// <param name=\"" + direction + "\">The vector's component along <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        foreach ((ParameterModel parameter, string output) in outputs)
        {
            writer.Line("/// <param name=\"" + output + "\">Receives the rows of the Hessian-vector product that belong to <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        writer.Line("/// <returns>The value of <c>" + method.Name + "</c>.</returns>");
        IEnumerable<string> parameters = method.Parameters.Select(p => p.TypeText + " " + p.Name)
            .Concat(directions.Select(d => (d.Parameter.IsArray ? (real.ReadOnlySpan + " ") : real.Keyword + " ") + d.Direction))
            .Concat(outputs.Select(o => (o.Parameter.IsArray ? (real.Span + " ") : "out " + real.Keyword + " ") + o.Output));
        WriteHeader(writer, method, model.Request.MethodSuffix, parameters);
        writer.Open();
        WriteLengthChecks(writer, directions.Where(d => d.Parameter.IsArray).Select(d => (d.Direction, d.Parameter.Name))
            .Concat(outputs.Where(o => o.Parameter.IsArray).Select(o => (o.Output, o.Parameter.Name))));
        WriteOverlapChecks(
            writer,
            method.Parameters.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).Concat(directions.Where(d => d.Parameter.IsArray).Select(d => d.Direction)).ToList(),
            outputs.Where(o => o.Parameter.IsArray).Select(o => o.Output).ToList(),
            outputs.Where(o => !o.Parameter.IsArray).Select(o => o.Output).ToList());
        foreach ((ParameterModel parameter, string output) in outputs)
        {
            writer.Line(parameter.IsArray ? output + ".Clear();" : output + " = " + real.Literal(0.0) + ";");
        }

        WriteProductBody(writer, model);
        writer.Close();
    }

    /// <summary>
    /// The code of a Hessian-vector product (or block) after its outputs are cleared: the gradient
    /// outputs the product reads, the tapes, the program, and the epilogue.
    /// </summary>
    internal static void WriteProductBody(IndentedWriter writer, GradientModel model)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<(ParameterModel Parameter, string Output)> outputs = model.ProductOutputs.Select(o => (method.Parameters.First(p => p.Name == o.Of), o.Name)).ToList();
        writer.BlankLine();
        HashSet<string> mentioned = Simplification.DeadDeclarations.Mentioned(model.Forward);
        List<(ParameterModel Parameter, string Output)> gradientsUsed = outputs.Where(o => mentioned.Contains(o.Parameter.GradientName)).ToList();
        if (gradientsUsed.Count > 0)
        {
            writer.Line("// The gradient, computed on the way (the product is its tangent and reads it).");
        }

        Dictionary<string, string> buffers = GradientBuffers(model, gradientsUsed.Select(o => o.Parameter));
        foreach ((ParameterModel parameter, string _) in gradientsUsed)
        {
            if (parameter.IsArray)
            {
                string buffer = buffers[parameter.Name];
                writer.Line(real.Keyword + "[] " + buffer + " = " + real.Pool + ".Rent(" + parameter.Name + ".Length);");
                writer.Line((real.Span + " ") + parameter.GradientName + " = new " + (real.Span + " ").TrimEnd() + "(" + buffer + ", 0, " + parameter.Name + ".Length);");
                writer.Line(parameter.GradientName + ".Clear();");
            }
            else
            {
                writer.Line(real.Keyword + " " + parameter.GradientName + " = " + real.Literal(0.0) + ";");
            }
        }

        if (model.LaneScalars.Count > 0)
        {
            writer.Line("// One value per lane for every tangent scalar.");
            foreach (string scalar in model.LaneScalars)
            {
                writer.Line((real.Span + " ") + scalar + " = stackalloc " + real.Keyword + "[" + model.Lanes + "];");
            }
        }

        var printer = ExpressionPrinter.For(model.Method, model.TapeName, model.TangentTapeName);
        WriteTapes(writer, model);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        foreach ((ParameterModel parameter, string _) in gradientsUsed.Where(o => o.Parameter.IsArray))
        {
            writer.Line(real.Pool + ".Return(" + buffers[parameter.Name] + ");");
        }

        WriteEpilogue(writer, model);
    }

    /// <summary>
    /// The pooled array behind each array parameter's gradient span, named fresh against every name of
    /// the method and of the product's code (a loop counter of the user may be called <c>d{P}Buffer</c>).
    /// </summary>
    private static Dictionary<string, string> GradientBuffers(GradientModel model, IEnumerable<ParameterModel> differentiated)
    {
        NameAllocator names = Names.For(model.Method);
        GradientSimplifier.ReserveNames(model.Forward, names);
        foreach (string name in model.Directions.Concat(model.ProductOutputs).Select(d => d.Name).Concat(model.RentedBuffers))
        {
            names.Reserve(name);
        }

        names.Reserve(model.TapeName);
        if (model.TangentTapeName is { } tangentTape)
        {
            names.Reserve(tangentTape);
        }

        return differentiated.Where(p => p.IsArray).ToDictionary(p => p.Name, p => names.Allocate(p.GradientName + "Buffer"));
    }

    /// <summary>
    /// Where each differentiated parameter's values start in the flat vector of n values (a scalar
    /// takes one, an array one per element), as C# text, and n itself.
    /// </summary>
    internal static (List<string> Offsets, string Size) Offsets(IEnumerable<ParameterModel> differentiated)
    {
        var offsets = new List<string>();
        string offset = "0";
        foreach (ParameterModel parameter in differentiated)
        {
            offsets.Add(offset);
            string length = parameter.IsArray ? parameter.Name + ".Length" : "1";
            offset = offset == "0" ? length : offset + " + " + length;
        }

        return (offsets, offset);
    }

    /// <summary><paramref name="stem"/>, or stem2, stem3, ...: the first not in <paramref name="taken"/>, which then holds it.</summary>
    internal static string Fresh(string stem, HashSet<string> taken)
    {
        string name = stem;
        for (int i = 2; !taken.Add(name); i++)
        {
            name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    internal static List<(ParameterModel Parameter, string Direction)> DirectionsOf(GradientModel model) =>
        model.Directions.Select(d => (model.Method.Parameters.First(p => p.Name == d.Of), d.Name)).ToList();

    internal static void WriteParameterDocs(IndentedWriter writer, MethodModel method)
    {
        foreach (ParameterModel parameter in method.Parameters)
        {
            writer.Line("/// <param name=\"" + parameter.Name.TrimStart('@') + "\">As in <c>" + method.Name + "</c>.</param>");
        }
    }

    internal static void WriteHeader(IndentedWriter writer, MethodModel method, string suffix, IEnumerable<string> parameters, string? returns = null, string? accessibility = null, bool tiered = false)
    {
        writer.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"" + GradientEmitter.ToolName + "\", \"" + GradientEmitter.ToolVersion + "\")]");
        if (!tiered)
        {
            writer.Line(GradientEmitter.OptimizationAttribute);
        }

        writer.Line((accessibility ?? method.Accessibility) + " static " + (returns ?? RealText.Of(method).Keyword) + " " + method.Name + suffix + "(" + string.Join(", ", parameters) + ")");
    }

    internal static void WriteLengthChecks(IndentedWriter writer, IEnumerable<(string Span, string Of)> checks)
    {
        foreach ((string span, string of) in checks)
        {
            writer.Line("if (" + span + ".Length != " + of + ".Length)");
            writer.Open();
            writer.Line("throw new global::System.ArgumentException(\"'" + span + "' must have the length of '" + of.TrimStart('@') + "' (\" + " + of + ".Length + \"), not \" + " + span + ".Length + \".\", \"" + span + "\");");
            writer.Close();
            writer.BlankLine();
        }
    }

    /// <summary>No output may share memory with an input or another output (clearing it would change them).</summary>
    internal static void WriteOverlapChecks(IndentedWriter writer, List<string> inputs, List<string> arrayOutputs, List<string> scalarOutputs)
    {
        const string Checks = "global::SymGrad.GradientOutputs.";
        var lines = new List<string>();
        for (int i = 0; i < arrayOutputs.Count; i++)
        {
            lines.AddRange(inputs.Concat(arrayOutputs.Skip(i + 1)).Select(other => Checks + "ThrowIfOverlaps(" + arrayOutputs[i] + ", \"" + arrayOutputs[i] + "\", " + other + ", \"" + other.TrimStart('@') + "\");"));
        }

        for (int i = 0; i < scalarOutputs.Count; i++)
        {
            lines.AddRange(inputs.Concat(arrayOutputs).Select(other => Checks + "ThrowIfInside(out " + scalarOutputs[i] + ", \"" + scalarOutputs[i] + "\", " + other + ", \"" + other.TrimStart('@') + "\");"));
            lines.AddRange(scalarOutputs.Skip(i + 1).Select(other => Checks + "ThrowIfSame(out " + scalarOutputs[i] + ", \"" + scalarOutputs[i] + "\", out " + other + ", \"" + other + "\");"));
        }

        if (lines.Count == 0)
        {
            return;
        }

        writer.Line("// No output may share memory with an input or with another output.");
        foreach (string line in lines)
        {
            writer.Line(line);
        }

        writer.BlankLine();
    }

    private static void WriteTapes(IndentedWriter writer, GradientModel model)
    {
        if (model.UsesTape)
        {
            writer.Line("global::SymGrad.ValueTape " + model.TapeName + " = new global::SymGrad.ValueTape();");
        }

        if (model.TangentTapeName is not null)
        {
            writer.Line("global::SymGrad.ValueTape " + model.TangentTapeName + " = new global::SymGrad.ValueTape();");
        }

        writer.BlankLine();
    }

    private static void WriteEpilogue(IndentedWriter writer, GradientModel model)
    {
        RealText real = RealText.Of(model.Method);
        writer.BlankLine();
        foreach (string buffer in model.RentedBuffers)
        {
            writer.Line(real.Pool + ".Return(" + buffer + ");");
        }

        if (model.UsesTape)
        {
            writer.Line(model.TapeName + ".Dispose();");
        }

        if (model.TangentTapeName is not null)
        {
            writer.Line(model.TangentTapeName + ".Dispose();");
        }

        writer.Line("return " + model.Result + ";");
    }
}
