using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>
    /// The `torch-check` command: loads LibTorch and runs one tiny float64 autograd computation on one
    /// thread, comparing the result with the closed form. Exit code 0 when TorchSharp works here.
    /// </summary>
    public static class TorchLoadCheck
    {
        public static int Run()
        {
            TorchThreads.Apply(TorchThreads.One);
            using DisposeScope scope = torch.NewDisposeScope();

            // f(x) = sum(log(1 + exp(x_i * x_{i+1}))) at x = (0.5, -1, 2): df/dx_i from sigmoid.
            double[] values = { 0.5, -1.0, 2.0 };
            Tensor x = torch.tensor(values, dtype: ScalarType.Float64, requires_grad: true);
            Tensor products = x[..2] * x[1..];
            Tensor loss = torch.log1p(torch.exp(products)).sum();
            loss.backward();
            double[] gradient = x.grad!.data<double>().ToArray();

            double s0 = Sigmoid(values[0] * values[1]);
            double s1 = Sigmoid(values[1] * values[2]);
            double[] expected = { s0 * values[1], s0 * values[0] + s1 * values[2], s1 * values[1] };
            double expectedLoss = Math.Log(1 + Math.Exp(values[0] * values[1])) + Math.Log(1 + Math.Exp(values[1] * values[2]));

            double worst = Math.Abs(loss.item<double>() - expectedLoss);
            for (int i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(gradient[i] - expected[i]));
            }

            Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, LibTorch threads: default {TorchThreads.DefaultThreadCount}, now {torch.get_num_threads()}");
            Console.WriteLine($"loss {loss.item<double>():R}, gradient [{string.Join(", ", gradient)}], largest error {worst:E2}");
            bool ok = worst < 1e-14;
            Console.WriteLine(ok ? "torch-check: ok" : "torch-check: MISMATCH");
            return ok ? 0 : 1;
        }

        private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
    }
}
