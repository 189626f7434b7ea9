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
    private const string Span = "global::System.Span<double> ";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<double> ";
    private const string Pool = "global::System.Buffers.ArrayPool<double>.Shared";

    public static void Write(IndentedWriter writer, DerivativeSet set)
    {
        GradientModel pullback = set.Pullback;
        MethodModel method = pullback.Method;
        VectorOutput vector = method.Vector!;
        WritePullback(writer, pullback, vector);
        GradientModel? tangent = set.Extras.FirstOrDefault(e => e.Request.Mode == DerivativeMode.Tangent);
        if (tangent is null)
        {
            return; // SYMGRAD0023 says why
        }

        bool asked = (method.Extras & SecondOrder.Tangent) != 0;
        string tangentSuffix = asked ? "Tangent" : "JacobianColumn";
        writer.BlankLine();
        WriteTangent(writer, tangent, vector, tangentSuffix, asked ? method.Accessibility : "private");
        writer.BlankLine();
        WriteJacobian(writer, method, vector, method.Name + tangentSuffix);
    }

    private static IEnumerable<ParameterModel> Inputs(MethodModel method, VectorOutput vector) => method.Parameters.Where(p => p.Name != vector.Seed);

    private static void WritePullback(IndentedWriter writer, GradientModel model, VectorOutput vector)
    {
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
            .Concat(differentiated.Select(p => (p.IsArray ? Span : "ref double ") + p.GradientName));
        ForwardModeEmitter.WriteHeader(writer, method, "Pullback", parameters, returns: "void");
        writer.Open();
        var checks = new List<(string Span, string Of)> { (vector.Seed, vector.Output) };
        checks.AddRange(differentiated.Where(p => p.IsArray).Select(p => (p.GradientName, p.Name)));
        WriteLengthChecks(writer, checks);
        WriteOverlapChecks(writer, method.Parameters.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).ToList(), differentiated.Where(p => p.IsArray).Select(p => p.GradientName).ToList(), differentiated.Where(p => !p.IsArray).Select(p => p.GradientName).ToList());
        if (model.OutputAdjoint is { } adjoint)
        {
            writer.Line("// The adjoint of the output vector: the seed, added by the last loop's reverse.");
            writer.Line("double[] " + adjoint + "Buffer = " + Pool + ".Rent(" + vector.Output + ".Length);");
            writer.Line(Span + adjoint + " = new " + Span.TrimEnd() + "(" + adjoint + "Buffer, 0, " + vector.Output + ".Length);");
            writer.Line(adjoint + ".Clear();");
        }

        if (model.UsesTape)
        {
            writer.Line("global::SymGrad.ValueTape " + model.TapeName + " = new global::SymGrad.ValueTape();");
        }

        writer.BlankLine();
        var printer = new ExpressionPrinter(model.TapeName);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        writer.BlankLine();
        writer.Line("// The output as computed: the reverse sweep restores overwritten elements, so it is put back at the end.");
        writer.Line("double[] computedBuffer = " + Pool + ".Rent(" + vector.Output + ".Length);");
        writer.Line(vector.Output + ".CopyTo(computedBuffer);");
        GradientEmitter.WriteBlock(writer, printer, model.Reverse);
        writer.BlankLine();
        writer.Line("new " + ReadOnlySpan.TrimEnd() + "(computedBuffer, 0, " + vector.Output + ".Length).CopyTo(" + vector.Output + ");");
        writer.Line(Pool + ".Return(computedBuffer);");
        if (model.OutputAdjoint is { } rented)
        {
            writer.Line(Pool + ".Return(" + rented + "Buffer);");
        }

        foreach (string buffer in model.RentedBuffers)
        {
            writer.Line(Pool + ".Return(" + buffer + ");");
        }

        if (model.UsesTape)
        {
            writer.Line(model.TapeName + ".Dispose();");
        }

        writer.Close();
    }

    private static void WriteTangent(IndentedWriter writer, GradientModel model, VectorOutput vector, string suffix, string accessibility)
    {
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
            .Concat(directions.Select(d => (d.Parameter.IsArray ? ReadOnlySpan : "double ") + d.Direction))
            .Concat(new[] { Span + model.TangentOutput });
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

        var printer = new ExpressionPrinter(model.TapeName, model.TangentTapeName);
        GradientEmitter.WriteBlock(writer, printer, model.Forward);
        writer.BlankLine();
        foreach (string buffer in model.RentedBuffers)
        {
            writer.Line(Pool + ".Return(" + buffer + ");");
        }

        if (model.TangentTapeName is not null)
        {
            writer.Line(model.TangentTapeName + ".Dispose();");
        }

        writer.Close();
    }

    /// <summary>
    /// The dense Jacobian, row-major (outputs x differentiated values): a tangent per column when
    /// there are no more inputs than outputs, a pullback per row otherwise.
    /// </summary>
    private static void WriteJacobian(IndentedWriter writer, MethodModel method, VectorOutput vector, string tangentMethod)
    {
        List<ParameterModel> inputs = Inputs(method, vector).ToList();
        List<ParameterModel> differentiated = inputs.Where(p => p.IsDifferentiated).ToList();
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')));
        string jacobian = ForwardModeEmitter.Fresh("jacobian", taken), n = ForwardModeEmitter.Fresh("n", taken), m = ForwardModeEmitter.Fresh("m", taken), k = ForwardModeEmitter.Fresh("k", taken), i = ForwardModeEmitter.Fresh("i", taken);
        string direction = ForwardModeEmitter.Fresh("direction", taken), column = ForwardModeEmitter.Fresh("column", taken), unit = ForwardModeEmitter.Fresh("unitSeed", taken);
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> into <c>" + vector.Output.TrimStart('@') + "</c> and its Jacobian, row-major: one row per output, one column per differentiated");
        writer.Line("/// scalar and array element in parameter order. Forward mode (one tangent per column) when there are no more columns than rows, reverse mode (one pullback per row) otherwise.");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method, vector);
        writer.Line("/// <param name=\"" + jacobian + "\">Receives the Jacobian; its length must be " + vector.Output.TrimStart('@') + ".Length * n.</param>");
        IEnumerable<string> parameters = inputs.Select(p => p.TypeText + " " + p.Name).Concat(new[] { Span + jacobian });
        ForwardModeEmitter.WriteHeader(writer, method, "Jacobian", parameters, returns: "void");
        writer.Open();
        (List<string> offsets, string offset) = ForwardModeEmitter.Offsets(differentiated);
        writer.Line("int " + n + " = " + offset + ";");
        writer.Line("int " + m + " = " + vector.Output + ".Length;");
        writer.Line("if (" + jacobian + ".Length != " + m + " * " + n + ")");
        writer.Open();
        writer.Line("throw new global::System.ArgumentException(\"The Jacobian output '" + jacobian + "' must have " + vector.Output.TrimStart('@') + ".Length * n = \" + " + m + " * " + n + " + \" elements (n = \" + " + n + " + \" differentiated values), not \" + " + jacobian + ".Length + \".\", \"" + jacobian + "\");");
        writer.Close();
        writer.BlankLine();
        WriteOverlapChecks(writer, inputs.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).ToList(), new List<string> { jacobian }, new List<string>());
        string call = string.Join(", ", inputs.Select(p => p.Name));
        writer.Line("if (" + n + " == 0 || " + m + " == 0)");
        writer.Open();
        writer.Line(method.Name + "(" + call + ");");
        writer.Line("return;");
        writer.Close();
        writer.BlankLine();
        writer.Line("if (" + n + " <= " + m + ")");
        writer.Open();
        writer.Line("// Forward mode: column k is the tangent along the k-th unit vector.");
        writer.Line("double[] " + direction + "Buffer = " + Pool + ".Rent(" + n + ");");
        writer.Line(Span + direction + " = new " + Span.TrimEnd() + "(" + direction + "Buffer, 0, " + n + ");");
        writer.Line(direction + ".Clear();");
        writer.Line("double[] " + column + "Buffer = " + Pool + ".Rent(" + m + ");");
        writer.Line(Span + column + " = new " + Span.TrimEnd() + "(" + column + "Buffer, 0, " + m + ");");
        writer.Line("for (int " + k + " = 0; " + k + " < " + n + "; " + k + "++)");
        writer.Open();
        writer.Line(direction + "[" + k + "] = 1.0;");
        var tangentArguments = new List<string>(inputs.Select(p => p.Name));
        for (int p = 0; p < differentiated.Count; p++)
        {
            tangentArguments.Add(differentiated[p].IsArray ? direction + ".Slice(" + offsets[p] + ", " + differentiated[p].Name + ".Length)" : direction + "[" + offsets[p] + "]");
        }

        tangentArguments.Add(column);
        writer.Line(tangentMethod + "(" + string.Join(", ", tangentArguments) + ");");
        writer.Line(direction + "[" + k + "] = 0.0;");
        writer.Line("for (int " + i + " = 0; " + i + " < " + m + "; " + i + "++)");
        writer.Open();
        writer.Line(jacobian + "[" + i + " * " + n + " + " + k + "] = " + column + "[" + i + "];");
        writer.Close();
        writer.Close();
        writer.BlankLine();
        writer.Line(Pool + ".Return(" + direction + "Buffer);");
        writer.Line(Pool + ".Return(" + column + "Buffer);");
        writer.Close();
        writer.Line("else");
        writer.Open();
        writer.Line("// Reverse mode: row i is the pullback of the i-th unit vector.");
        writer.Line("double[] " + unit + "Buffer = " + Pool + ".Rent(" + m + ");");
        writer.Line(Span + unit + " = new " + Span.TrimEnd() + "(" + unit + "Buffer, 0, " + m + ");");
        writer.Line(unit + ".Clear();");
        writer.Line(jacobian + ".Clear();");
        writer.Line("for (int " + i + " = 0; " + i + " < " + m + "; " + i + "++)");
        writer.Open();
        writer.Line(unit + "[" + i + "] = 1.0;");
        var pullbackArguments = new List<string>(inputs.Select(p => p.Name)) { unit };
        for (int p = 0; p < differentiated.Count; p++)
        {
            string start = offsets[p] == "0" ? i + " * " + n : i + " * " + n + " + " + offsets[p];
            pullbackArguments.Add(differentiated[p].IsArray ? jacobian + ".Slice(" + start + ", " + differentiated[p].Name + ".Length)" : "ref " + jacobian + "[" + start + "]");
        }

        writer.Line(method.Name + "Pullback(" + string.Join(", ", pullbackArguments) + ");");
        writer.Line(unit + "[" + i + "] = 0.0;");
        writer.Close();
        writer.BlankLine();
        writer.Line(Pool + ".Return(" + unit + "Buffer);");
        writer.Close();
        writer.Close();
    }

    private static void WriteParameterDocs(IndentedWriter writer, MethodModel method, VectorOutput vector)
    {
        foreach (ParameterModel parameter in Inputs(method, vector))
        {
            writer.Line("/// <param name=\"" + parameter.Name.TrimStart('@') + "\">As in <c>" + method.Name + "</c>" + (parameter.Name == vector.Output ? ": receives the output vector" : string.Empty) + ".</param>");
        }
    }

    private static void WriteLengthChecks(IndentedWriter writer, IEnumerable<(string Span, string Of)> checks) => ForwardModeEmitter.WriteLengthChecks(writer, checks);

    private static void WriteOverlapChecks(IndentedWriter writer, List<string> inputs, List<string> arrayOutputs, List<string> scalarOutputs) =>
        ForwardModeEmitter.WriteOverlapChecks(writer, inputs, arrayOutputs, scalarOutputs);
}
