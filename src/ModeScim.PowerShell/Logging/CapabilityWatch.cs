using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Capabilities;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Tells what a client learned about its server since it was last asked, so a trace shows why a command took
    /// the way it did (and a bug report can carry it).</summary>
    internal sealed class CapabilityWatch
    {
        private ScimServerCapabilities? _watched;
        private Dictionary<ScimCapability, ScimSupport> _known = new Dictionary<ScimCapability, ScimSupport>();
        private int _knownVersion = -1;

        /// <summary>Starts watching <paramref name="capabilities"/>, unless they are the ones already watched.</summary>
        public void Watch(ScimServerCapabilities capabilities)
        {
            if (!ReferenceEquals(capabilities, _watched))
            {
                _watched = capabilities;
                _known = capabilities.Snapshot().ToDictionary(p => p.Key, p => p.Value);
                _knownVersion = capabilities.Version;
            }
        }

        /// <summary>A description of each fact learned since the last call.</summary>
        public IReadOnlyList<string> Learned(ScimServerCapabilities capabilities)
        {
            if (!ReferenceEquals(capabilities, _watched) || capabilities.Version == _knownVersion)
            {
                return Array.Empty<string>();
            }
            _knownVersion = capabilities.Version;
            var learned = new List<string>();
            foreach (var pair in capabilities.Snapshot())
            {
                if (_known[pair.Key] != pair.Value)
                {
                    _known[pair.Key] = pair.Value;
                    learned.Add(ScimServerCapabilities.Describe(pair.Key, pair.Value));
                }
            }
            return learned;
        }
    }
}
