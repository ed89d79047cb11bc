using System;
using System.Collections.Generic;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>Mode's reported limit: about 40 requests per 10 seconds for each credential, then 429. Fixed windows
    /// per credential; a limit of 0 turns it off.</summary>
    internal sealed class ApiRateLimiter
    {
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
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
            var now = DateTime.UtcNow;
            lock (_lock)
            {
                if (!_windows.TryGetValue(credential, out var window) || now - window.Start >= Window)
                {
                    window = (now, 0);
                }
                window.Count++;
                _windows[credential] = window;
                return window.Count <= limit;
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
