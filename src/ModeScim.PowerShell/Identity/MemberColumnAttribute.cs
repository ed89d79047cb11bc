using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Takes a row's Member (else Members) column as the members it names, so that a memberships file (Group,Member)
    /// can be piped. PowerShell binds a piped row by value before it binds it by property name, and a row bound by value
    /// is named by its user columns (UserColumns.Identity), which Member is not one of: each row would name nobody.
    /// Only rows are read so (Import-Csv, ConvertFrom-Csv, [pscustomobject], Select-Object output); a blank cell leaves
    /// the row to its user columns, and any other object is left as it is.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class MemberColumnAttribute : ArgumentTransformationAttribute
    {
        private static readonly string[] Columns = { "Member", "Members" };

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (!(inputData is IList items))
            {
                return MembersOf(inputData);
            }
            // -Member (Import-Csv ...): each row's members, in one flat list.
            var members = new List<object?>();
            foreach (var item in items)
            {
                var named = MembersOf(item);
                if (!ReferenceEquals(named, item) && named is IList several)
                {
                    foreach (var member in several)
                    {
                        members.Add(member);
                    }
                }
                else
                {
                    members.Add(named);
                }
            }
            return members.ToArray();
        }

        private static object? MembersOf(object? item)
        {
            if (!(item is PSObject row) || !(row.BaseObject is PSCustomObject))
            {
                return item;
            }
            foreach (var column in Columns)
            {
                var value = row.Properties[column]?.Value;
                if (value != null && !string.IsNullOrWhiteSpace(value.ToString()))
                {
                    return value;
                }
            }
            return item;
        }
    }
}
