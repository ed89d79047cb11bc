using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>Turns desired members into user ids with the fewest lookups. A name that equals the display
    /// text of a current member is taken to be that member (servers that show the userName there spare a
    /// lookup per existing member); every other name is looked up in batches, first as a userName and,
    /// failing that, as an id.</summary>
    internal sealed class MemberResolver
    {
        private readonly ScimUserLookup _lookup;

        public MemberResolver(ScimClient client, int? serverMaxResults)
        {
            _lookup = new ScimUserLookup(client, serverMaxResults);
        }

        public async Task<MemberResolution> ResolveAsync(IReadOnlyList<ScimMultiValue> currentMembers,
            IReadOnlyList<DesiredMember> desired, CancellationToken cancellationToken)
        {
            var resolution = new MemberResolution();
            var byDisplay = UniqueDisplays(currentMembers);
            var unresolved = new List<DesiredMember>();
            foreach (var member in desired)
            {
                if (member.Id != null)
                {
                    resolution.Ids[member] = member.Id;
                }
                else if (byDisplay.TryGetValue(member.Name!, out var id))
                {
                    resolution.Ids[member] = id;
                }
                else
                {
                    unresolved.Add(member);
                }
            }
            if (unresolved.Count > 0)
            {
                var byName = await _lookup.ByUserNameAsync(unresolved.Select(m => m.Name!), cancellationToken).ConfigureAwait(false);
                var stillUnresolved = new List<DesiredMember>();
                foreach (var member in unresolved)
                {
                    if (byName.TryGetValue(member.Name!, out var user))
                    {
                        resolution.Ids[member] = user.Id!;
                    }
                    else
                    {
                        stillUnresolved.Add(member);
                    }
                }
                var byId = stillUnresolved.Count == 0
                    ? new Dictionary<string, ScimUser>()
                    : await _lookup.ByIdAsync(stillUnresolved.Select(m => m.Name!), cancellationToken).ConfigureAwait(false);
                foreach (var member in stillUnresolved)
                {
                    if (byId.TryGetValue(member.Name!, out var user))
                    {
                        resolution.Ids[member] = user.Id!;
                    }
                    else
                    {
                        resolution.NotFound.Add(member);
                    }
                }
            }
            return resolution;
        }

        private static Dictionary<string, string> UniqueDisplays(IReadOnlyList<ScimMultiValue> members)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var duplicates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in members.Where(m => m.Value != null && !string.IsNullOrEmpty(m.Display)))
            {
                if (result.ContainsKey(member.Display!))
                {
                    duplicates.Add(member.Display!);
                }
                result[member.Display!] = member.Value!;
            }
            foreach (var display in duplicates)
            {
                result.Remove(display);
            }
            return result;
        }
    }

    internal sealed class MemberResolution
    {
        public Dictionary<DesiredMember, string> Ids { get; } = new Dictionary<DesiredMember, string>();

        public List<DesiredMember> NotFound { get; } = new List<DesiredMember>();
    }
}
