using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>Turns desired members into user ids with the fewest lookups: names in batches, first as a userName
    /// and, failing that, as an id. A group's member display text is never taken for a userName: servers set it
    /// when the member is added and may never update it, so after a rename (a@ to b@) and a new a@, the display
    /// "a@" names the wrong person, and a sync would keep the leaver and never add the newcomer.</summary>
    internal sealed class MemberResolver
    {
        private readonly ScimUserLookup _lookup;

        public MemberResolver(ScimClient client, int? serverMaxResults)
        {
            _lookup = new ScimUserLookup(client, serverMaxResults);
        }

        public async Task<MemberResolution> ResolveAsync(IReadOnlyList<DesiredMember> desired, CancellationToken cancellationToken)
        {
            var resolution = new MemberResolution();
            var named = new List<DesiredMember>();
            foreach (var member in desired)
            {
                if (member.Id != null)
                {
                    resolution.Ids[member] = member.Id;
                }
                else
                {
                    named.Add(member);
                }
            }
            if (named.Count == 0)
            {
                return resolution;
            }
            var byName = await _lookup.ByUserNameAsync(named.Select(m => m.Name!), cancellationToken).ConfigureAwait(false);
            var notUserNames = new List<DesiredMember>();
            foreach (var member in named)
            {
                if (byName.TryGetValue(member.Name!, out var user))
                {
                    resolution.Ids[member] = user.Id!;
                }
                else
                {
                    notUserNames.Add(member);
                }
            }
            var byId = notUserNames.Count == 0
                ? new Dictionary<string, ScimUser>()
                : await _lookup.ByIdAsync(notUserNames.Select(m => m.Name!), cancellationToken).ConfigureAwait(false);
            foreach (var member in notUserNames)
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
            return resolution;
        }
    }

    internal sealed class MemberResolution
    {
        public Dictionary<DesiredMember, string> Ids { get; } = new Dictionary<DesiredMember, string>();

        public List<DesiredMember> NotFound { get; } = new List<DesiredMember>();
    }
}
