using System;

namespace ModeScim.Emulator.Http
{
    /// <summary>Decides, per request, whether to answer with an injected failure instead of serving it.
    /// Seedable, so a failing chaos run can be repeated exactly.</summary>
    internal sealed class FaultInjector
    {
        private static readonly int[] ServerErrors = { 500, 502, 503, 504 };

        private readonly object _lock = new();
        private Random _random;

        public FaultInjector(EmulatorOptions options)
        {
            Options = options;
            _random = options.FaultSeed.HasValue ? new Random(options.FaultSeed.Value) : new Random();
        }

        public EmulatorOptions Options { get; }

        public void Reseed()
        {
            lock (_lock)
            {
                _random = Options.FaultSeed.HasValue ? new Random(Options.FaultSeed.Value) : new Random();
            }
        }

        /// <summary>The status to fail with, or null to serve the request.</summary>
        public int? NextFault()
        {
            if (Options.Rate429 <= 0 && Options.Rate5xx <= 0)
            {
                return null;
            }
            lock (_lock)
            {
                var roll = _random.NextDouble();
                if (roll < Options.Rate429)
                {
                    return 429;
                }
                if (roll < Options.Rate429 + Options.Rate5xx)
                {
                    return ServerErrors[_random.Next(ServerErrors.Length)];
                }
                return null;
            }
        }
    }
}
