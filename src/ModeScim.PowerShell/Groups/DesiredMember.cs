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
}
