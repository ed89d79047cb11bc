using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>A member as the caller named it: a user object (id known) or a string (a userName, or failing
    /// that an id).</summary>
    internal sealed class DesiredMember
    {
        private DesiredMember(string? id, string? name)
        {
            Id = id;
            Name = name;
        }

        public string? Id { get; }

        public string? Name { get; }

        /// <summary>How results and errors name this member: the userName where known.</summary>
        public string Label => Name ?? Id ?? string.Empty;

        public static DesiredMember From(ModeUserIdentity identity)
        {
            return identity.User != null
                ? new DesiredMember(identity.User.Id, identity.User.UserName)
                : Named(identity.Text!);
        }

        /// <summary>A member named by text: a userName, or failing that an id.</summary>
        public static DesiredMember Named(string text) => new DesiredMember(null, text.Trim());

        /// <summary>Drops repeats (the same user named twice), keeping the first.</summary>
        public static List<DesiredMember> Distinct(IEnumerable<DesiredMember> members)
        {
            var seenIds = new HashSet<string>();
            var seenNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            return members.Where(m => m.Id != null ? seenIds.Add(m.Id) : seenNames.Add(m.Name!)).ToList();
        }
    }

    /// <summary>One instance for each member named, however often and for however many groups: a resolution, which is
    /// keyed by instance, is then made once for all of them and serves every group that names the member.</summary>
    internal sealed class DesiredMemberPool
    {
        private readonly Dictionary<string, DesiredMember> _byId = new Dictionary<string, DesiredMember>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, DesiredMember> _byName =
            new Dictionary<string, DesiredMember>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>The instance already pooled for the same id (or, for a name, the same name in any case), else
        /// <paramref name="member"/>, pooled from now on.</summary>
        public DesiredMember Intern(DesiredMember member)
        {
            var index = member.Id != null ? _byId : _byName;
            var key = member.Id ?? member.Name!;
            if (index.TryGetValue(key, out var pooled))
            {
                return pooled;
            }
            index[key] = member;
            return member;
        }
    }
}
