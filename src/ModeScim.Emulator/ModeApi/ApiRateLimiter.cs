using System;
using System.Collections.Generic;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>Mode's reported limit: about 40 requests per 10 seconds for each credential, then 429. Fixed windows
    /// per credential, each starting at its first request; a limit of 0 turns it off.</summary>
    internal sealed class ApiRateLimiter
    {
        private readonly object _lock = new();
        private readonly Dictionary<string, (DateTime Start, int Count)> _windows = new(StringComparer.Ordinal);
        private readonly EmulatorOptions _options;

        public ApiRateLimiter(EmulatorOptions options)
        {
            _options = options;
        }

        /// <summary>Counts one request for <paramref name="credential"/>; false when it is over the limit.</summary>
        public bool TryAdmit(string credential)
        {
            var limit = _options.ApiRateLimit;
            if (limit <= 0)
            {
                return true;
            }
            var window = TimeSpan.FromMilliseconds(_options.ApiRateWindowMs);
            var now = DateTime.UtcNow;
            lock (_lock)
            {
                if (!_windows.TryGetValue(credential, out var current) || now - current.Start >= window)
                {
                    current = (now, 0);
                }
                current.Count++;
                _windows[credential] = current;
                return current.Count <= limit;
            }
        }

        public void Reset()
        {
            lock (_lock)
            {
                _windows.Clear();
            }
        }
    }
}
