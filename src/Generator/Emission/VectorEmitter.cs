using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints the methods of a vector-valued <c>void F(..., Span&lt;double&gt; output)</c>:
/// <c>FPullback</c> (the vector-Jacobian product: adds <c>Jᵀ seed</c> to the outputs, writing the
/// output too), <c>FTangent</c> (the Jacobian-vector product; private <c>FJacobianColumn</c> when the
/// attribute did not ask for it) and <c>FJacobian</c> (forward mode, a tangent per column, when there
/// are no more inputs than outputs; reverse mode, a pullback per row, otherwise).
/// </summary>
internal static class VectorEmitter
{

    public static void Write(IndentedWriter writer, DerivativeSet set)
    {
        GradientModel pullback = set.Pullback;
        MethodModel method = pullback.Method;
        VectorOutput vector = method.Vector!;
        WritePullback(writer, pullback, vector);
        GradientModel? tangent = set.Extras.FirstOrDefault(e => e.Request.Mode == DerivativeMode.Tangent);
        string? tangentMethod = null;
        if (tangent is not null)
        {
            bool asked = (method.Extras & SecondOrder.Tangent) != 0;
            string tangentSuffix = asked ? "Tangent" : "JacobianColumn";
            writer.BlankLine();
            WriteTangent(writer, tangent, vector, tangentSuffix, asked ? method.Accessibility : "private");
            tangentMethod = method.Name + tangentSuffix;
        }

        // Without a tangent program (a call through a compiled vector pullback) the Jacobian is pullbacks only.
        writer.BlankLine();
        JacobianEmitter.Write(writer, set.Pullback, tangentMethod);
    }

    internal static IEnumerable<ParameterModel> Inputs(MethodModel method, VectorOutput vector) => method.Parameters.Where(p => p.Name != vector.Seed);

    private static void WritePullback(IndentedWriter writer, GradientModel model, VectorOutput vector)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<ParameterModel> differentiated = method.Parameters.Where(p => p.IsDifferentiated).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> into <c>" + vector.Output.TrimStart('@') + "</c> and adds the vector-Jacobian product <c>Jᵀ " + vector.Seed + "</c> to the outputs (reverse mode).");
        writer.Line("/// A caller's reverse sweep chains it: the adjoint of the output vector is the seed.");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method, vector);
        writer.Line("/// <param name=\"" + vector.Seed + "\">The adjoint of each output: one entry per element of <c>" + vector.Output.TrimStart('@') + "</c>.</param>");
        foreach (ParameterModel parameter in differentiated)
        {
            writer.Line("/// <param name=\"" + parameter.GradientName + "\">Receives, added to what it holds, the seed-weighted sum of the outputs' partial derivatives with respect to <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        IEnumerable<string> parameters = method.Parameters.Select(p => p.TypeText + " " + p.Name)
            .Concat(differentiated.Select(p => (p.IsArray ? (real.Span + " ") : "ref " + real.Keyword + " ") + p.GradientName));
        ForwardModeEmitter.WriteHeader(writer, method, "Pullback", parameters, returns: "void");
        writer.Open();
        var checks = new List<(string Span, string Of)> { (vector.Seed, vector.Output) };
        checks.AddRange(differentiated.Where(p => p.IsArray).Select(p => (p.GradientName, p.Name)));
        WriteLengthChecks(writer, checks);
        WriteOverlapChecks(writer, method.Parameters.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).ToList(), differentiated.Where(p => p.IsArray).Select(p => p.GradientName).ToList(), differentiated.Where(p => !p.IsArray).Select(p => p.GradientName).ToList());
        if (model.OutputAdjoint is { } adjoint)
        {
            writer.Line("// The adjoint of the output vector: the seed, added by the last loop's reverse.");
            WriteScratch(writer, real, adjoint, vector.Output + ".Length");
        }

        if (model.UsesTape)
        {
            writer.Line("global::SymGrad.ValueTape " + model.TapeName + " = new global::SymGrad.ValueTape();");
        }

        writer.BlankLine();
        var printer = ExpressionPrinter.For(model.Method, model.TapeName);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        writer.BlankLine();
        string computed = FreshScratch("computed", TakenNames(model));
        writer.Line("// The output as computed: the reverse sweep restores overwritten elements, so it is put back at the end.");
        WriteScratch(writer, real, computed, vector.Output + ".Length", clear: false);
        writer.Line(vector.Output + ".CopyTo(" + computed + ");");
        GradientEmitter.WriteBlock(writer, printer, model.Reverse);
        writer.BlankLine();
        writer.Line(computed + ".CopyTo(" + vector.Output + ");");
        ReturnScratch(writer, real, computed);
        if (model.OutputAdjoint is { } rented)
        {
            ReturnScratch(writer, real, rented);
        }

        foreach (string buffer in model.RentedBuffers)
        {
            writer.Line(real.Pool + ".Return(" + buffer + ");");
        }

        if (model.UsesTape)
        {
            writer.Line(model.TapeName + ".Dispose();");
        }

        writer.Close();
    }

    private static void WriteTangent(IndentedWriter writer, GradientModel model, VectorOutput vector, string suffix, string accessibility)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<(ParameterModel Parameter, string Direction)> directions = model.Directions.Select(d => (method.Parameters.First(p => p.Name == d.Of), d.Name)).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> into <c>" + vector.Output.TrimStart('@') + "</c> and its directional derivative into <c>" + model.TangentOutput + "</c> by forward mode:");
        writer.Line("/// the Jacobian times the direction, at the cost of about one more evaluation.");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method, vector);
        foreach ((ParameterModel parameter, string direction) in directions)
        {
            writer.Line("/// <param name=\"" + direction + "\">The direction's component along <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        writer.Line("/// <param name=\"" + model.TangentOutput + "\">Receives the derivative of each output along the direction.</param>");
        IEnumerable<string> parameters = Inputs(method, vector).Select(p => p.TypeText + " " + p.Name)
            .Concat(directions.Select(d => (d.Parameter.IsArray ? (real.ReadOnlySpan + " ") : real.Keyword + " ") + d.Direction))
            .Concat(new[] { (real.Span + " ") + model.TangentOutput });
        ForwardModeEmitter.WriteHeader(writer, method, suffix, parameters, returns: "void", accessibility: accessibility);
        writer.Open();
        var checks = directions.Where(d => d.Parameter.IsArray).Select(d => (d.Direction, d.Parameter.Name)).ToList();
        checks.Add((model.TangentOutput!, vector.Output));
        WriteLengthChecks(writer, checks);
        WriteOverlapChecks(writer, Inputs(method, vector).Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).Concat(directions.Where(d => d.Parameter.IsArray).Select(d => d.Direction)).ToList(), new List<string> { model.TangentOutput! }, new List<string>());
        writer.Line(model.TangentOutput + ".Clear();");
        if (model.TangentTapeName is not null)
        {
            writer.Line("global::SymGrad.ValueTape " + model.TangentTapeName + " = new global::SymGrad.ValueTape();");
        }

        var printer = ExpressionPrinter.For(model.Method, model.TapeName, model.TangentTapeName);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        writer.BlankLine();
        foreach (string buffer in model.RentedBuffers)
        {
            writer.Line(real.Pool + ".Return(" + buffer + ");");
        }

        if (model.TangentTapeName is not null)
        {
            writer.Line(model.TangentTapeName + ".Dispose();");
        }

        writer.Close();
    }

    internal static void WriteParameterDocs(IndentedWriter writer, MethodModel method, VectorOutput vector)
    {
        foreach (ParameterModel parameter in Inputs(method, vector))
        {
            writer.Line("/// <param name=\"" + parameter.Name.TrimStart('@') + "\">As in <c>" + method.Name + "</c>" + (parameter.Name == vector.Output ? ": receives the output vector" : string.Empty) + ".</param>");
        }
    }

    /// <summary>
    /// A scratch span of <paramref name="length"/> doubles: on the stack up to <see cref="StackScratch.Limit"/>
    /// elements, else rented from the pool into <c>{name}Buffer</c> (<see cref="ReturnScratch"/> gives it back).
    /// </summary>
    internal static void WriteScratch(IndentedWriter writer, RealText real, string name, string length, bool clear = true) =>
        StackScratch.Declare(writer, real, name, name + "Buffer", length, zeroedStack: false, clear);

    internal static void ReturnScratch(IndentedWriter writer, RealText real, string name)
    {
        writer.BlankLine();
        writer.Line("if (" + name + "Buffer is not null)");
        writer.Open();
        writer.Line(real.Pool + ".Return(" + name + "Buffer);");
        writer.Close();
    }

    /// <summary>A scratch name whose span and buffer both differ from every name of the model's parameters and code.</summary>
    internal static string FreshScratch(string stem, HashSet<string> taken)
    {
        string name = stem;
        for (int i = 2; taken.Contains(name) || taken.Contains(name + "Buffer"); i++)
        {
            name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(name);
        taken.Add(name + "Buffer");
        return name;
    }

    internal static HashSet<string> TakenNames(GradientModel model)
    {
        var taken = new HashSet<string>(model.Method.Parameters.Select(p => p.Name.TrimStart('@')));
        taken.UnionWith(model.Method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.GradientName));
        taken.UnionWith(CodeWalker.DeclaredNames(model.Forward));
        taken.UnionWith(CodeWalker.DeclaredNames(model.Reverse));
        taken.Add(model.TapeName);
        if (model.OutputAdjoint is { } adjoint)
        {
            taken.Add(adjoint);
            taken.Add(adjoint + "Buffer");
        }

        return taken;
    }

    private static void WriteLengthChecks(IndentedWriter writer, IEnumerable<(string Span, string Of)> checks) => ForwardModeEmitter.WriteLengthChecks(writer, checks);

    private static void WriteOverlapChecks(IndentedWriter writer, List<string> inputs, List<string> arrayOutputs, List<string> scalarOutputs) =>
        ForwardModeEmitter.WriteOverlapChecks(writer, inputs, arrayOutputs, scalarOutputs);
}
