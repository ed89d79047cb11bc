BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 2100
    Connect-TestEmulator -Emulator $script:Emulator
    $script:AllUsers = @(Get-ModeUser)
    $script:Csv = Join-Path ([System.IO.Path]::GetTempPath()) ('memberships-' + [guid]::NewGuid().ToString('N') + '.csv')

    function New-BigGroup([string] $Name, [int] $Count) {
        New-EmulatorGroup -Emulator $script:Emulator -DisplayName $Name -MemberIds ($script:AllUsers[0..($Count - 1)].Id)
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Csv -ErrorAction SilentlyContinue
}

Describe 'Sync-ModeGroup' {
    AfterEach {
        Get-ModeGroup -DisplayName 'Sync *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
    }

    It 'syncs a 2,000-member group with 50 adds and 50 removes in the 23 requests the README promises' {
        $group = New-BigGroup 'Sync Big' 2000
        $desired = $script:AllUsers[50..2049].UserName
        Reset-ModeScimEmulator $script:Emulator

        $result = Sync-ModeGroup -Group 'Sync Big' -Member $desired

        # 1 read of the group, 21 batched lookups of the 2,000 desired names (every name: a member's display
        # text is not trusted, and a URL holds about 95 of these names), 1 PATCH for the 100 changes.
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.routes.'GET Groups' | Should -Be 1
        $stats.routes.'GET Users' | Should -Be 21
        $stats.PATCH | Should -Be 1
        $stats.total | Should -Be 23
        $result.Requests | Should -Be $stats.total
        $result.Added.Count | Should -Be 50
        $result.Removed.Count | Should -Be 50
        $result.Unchanged | Should -Be 1950
        $result.Added | Should -Be $script:AllUsers[2000..2049].UserName
        $result.Removed | Should -Be $script:AllUsers[0..49].UserName
        $members = Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id
        @($members | Sort-Object) | Should -Be @($script:AllUsers[50..2049].Id | Sort-Object)
    }

    It 'makes no mutating request when run again with the same desired members' {
        $null = New-BigGroup 'Sync Again' 300
        $desired = $script:AllUsers[10..309].UserName
        $null = Sync-ModeGroup -Group 'Sync Again' -Member $desired
        Reset-ModeScimEmulator $script:Emulator

        $second = Sync-ModeGroup -Group 'Sync Again' -Member $desired

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $second.Added.Count | Should -Be 0
        $second.Removed.Count | Should -Be 0
        $second.Unchanged | Should -Be 300
    }

    It 'prints and returns the plan with -WhatIf, changing nothing' {
        $group = New-BigGroup 'Sync Plan' 20
        Reset-ModeScimEmulator $script:Emulator

        $plan = Sync-ModeGroup -Group 'Sync Plan' -Member ($script:AllUsers[5..24].UserName) -WhatIf

        $plan.WhatIf | Should -BeTrue
        $plan.Added | Should -Be $script:AllUsers[20..24].UserName
        $plan.Removed | Should -Be $script:AllUsers[0..4].UserName
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id).Count | Should -Be 20
    }

    It 'syncs many groups from Import-Csv rows of Group,UserName' {
        $null = New-BigGroup 'Sync Alpha' 3
        $null = New-BigGroup 'Sync Beta' 3
        $rows = @()
        $rows += $script:AllUsers[1..4] | ForEach-Object { [pscustomobject]@{ Group = 'Sync Alpha'; UserName = $_.UserName } }
        $rows += $script:AllUsers[0..0] | ForEach-Object { [pscustomobject]@{ Group = 'Sync Beta'; UserName = $_.UserName } }
        $rows | Export-Csv -LiteralPath $script:Csv -NoTypeInformation

        $results = @(Import-Csv -LiteralPath $script:Csv | Sync-ModeGroup)

        $results.Count | Should -Be 2
        $alpha = $results | Where-Object Group -eq 'Sync Alpha'
        $alpha.Added | Should -Be @($script:AllUsers[3].UserName, $script:AllUsers[4].UserName)
        $alpha.Removed | Should -Be $script:AllUsers[0].UserName
        ($results | Where-Object Group -eq 'Sync Beta').Removed.Count | Should -Be 2
    }

    It 'syncs the groups of a file whose group column is "Group Name"' {
        $null = New-BigGroup 'Sync Named' 3
        $rows = $script:AllUsers[2..3] | ForEach-Object { [pscustomobject]@{ 'Group Name' = 'Sync Named'; UserName = $_.UserName } }

        $result = $rows | Sync-ModeGroup

        $result.Group | Should -Be 'Sync Named'
        $result.Removed | Should -Be @($script:AllUsers[0].UserName, $script:AllUsers[1].UserName)
        $result.Added | Should -Be $script:AllUsers[3].UserName
    }

    It 'refuses several groups for one desired set with ModeScim.InvalidInput, not a binding error, changing nothing' {
        $null = New-BigGroup 'Sync One' 3
        $null = New-BigGroup 'Sync Two' 3
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { Sync-ModeGroup -Group 'Sync One', 'Sync Two' -Member $script:AllUsers[0].UserName }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        $errors[0].Exception.Message | Should -BeLike "*one group*'Sync One', 'Sync Two'*"
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'reports desired names with no Mode user as NotFound, and syncs the rest' {
        $null = New-BigGroup 'Sync Missing' 2

        $result = Sync-ModeGroup -Group 'Sync Missing' -Member $script:AllUsers[0].UserName, 'nobody@example.com' -WarningAction SilentlyContinue

        $result.NotFound | Should -Be 'nobody@example.com'
        $result.Removed | Should -Be $script:AllUsers[1].UserName
        $result.Failed.Count | Should -Be 0
    }

    It 'creates a missing group with -CreateIfMissing, and reports ModeScim.GroupNotFound without it' {
        $errors = Get-ErrorRecords { $script:missing = Sync-ModeGroup -Group 'Sync New' -Member $script:AllUsers[0].UserName }
        $created = Sync-ModeGroup -Group 'Sync New' -Member $script:AllUsers[0..2].UserName -CreateIfMissing

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupNotFound,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        $script:missing.Failed.Member | Should -Be $script:AllUsers[0].UserName
        $created.Created | Should -BeTrue
        $created.Added.Count | Should -Be 3
        (Get-ModeGroup 'Sync New').MemberCount | Should -Be 3
    }

    It 'keeps members outside the desired set with -AddOnly' {
        $null = New-BigGroup 'Sync AddOnly' 5

        $result = Sync-ModeGroup -Group 'Sync AddOnly' -Member $script:AllUsers[5].UserName -AddOnly

        $result.Removed.Count | Should -Be 0
        (Get-ModeGroup 'Sync AddOnly').MemberCount | Should -Be 6
    }

    It 'refuses a plan that removes more than -MaxRemove with ModeScim.RemoveThresholdExceeded, changing nothing' {
        $group = New-BigGroup 'Sync Guard' 30
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { $script:guarded = Sync-ModeGroup -Group 'Sync Guard' -Member @() -MaxRemove 10 }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.RemoveThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:guarded.Failed.Count | Should -Be 30
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id).Count | Should -Be 30
    }

    It 'accepts user objects as desired members' {
        $null = New-BigGroup 'Sync Objects' 1

        $result = Sync-ModeGroup -Group 'Sync Objects' -Member $script:AllUsers[1..2]

        $result.Added | Should -Be $script:AllUsers[1..2].UserName
        $result.Removed | Should -Be $script:AllUsers[0].UserName
    }

    It 'looks every name up when the server''s member display is not the userName' {
        $other = Start-TestEmulator -Seed 40 -ExtraArguments @('--member-display', 'displayName')
        try {
            $connection = Connect-TestEmulator -Emulator $other -PassThru
            $users = @(Get-ModeUser -Connection $connection)
            $null = New-EmulatorGroup -Emulator $other -DisplayName 'Sync Display' -MemberIds $users[0..9].Id
            Reset-ModeScimEmulator $other

            $result = Sync-ModeGroup -Group 'Sync Display' -Member $users[5..14].UserName -Connection $connection

            $result.Unchanged | Should -Be 5
            $result.Added | Should -Be $users[10..14].UserName
            $result.Removed.Count | Should -Be 5
            (Get-ModeScimEmulatorStats $other).PATCH | Should -Be 1
        }
        finally {
            Stop-ModeScimEmulator $other
            Connect-TestEmulator -Emulator $script:Emulator
        }
    }

    It 'formats results as a table that fits 120 columns' {
        $null = New-BigGroup 'Sync Format' 2
        $lines = (Sync-ModeGroup 'Sync Format' $script:AllUsers[0].UserName | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -BeLike 'Group*Added*Removed*Unchanged*NotFound*Failed*Requests*'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }

    It 'never takes a member''s stale display text for the person: a renamed member leaves, the new holder of the name joins' {
        # Ada (a member) is renamed to ada.old@; a new hire then gets ada@. The group still shows Ada as "ada@",
        # as servers that set the display when a member is added do.
        $oldAda = New-EmulatorUser -Emulator $script:Emulator -UserName 'stale.ada@example.com'
        $group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Sync Stale' -MemberIds @($oldAda.id)
        Rename-EmulatorUser -Emulator $script:Emulator -Id $oldAda.id -UserName 'stale.ada.old@example.com'
        $newAda = New-EmulatorUser -Emulator $script:Emulator -UserName 'stale.ada@example.com'
        (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Groups/$($group.id)").members[0].display |
            Should -Be 'stale.ada@example.com' -Because 'the server kept the old display'

        $result = Sync-ModeGroup -Group 'Sync Stale' -Member 'stale.ada@example.com'

        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($newAda.id)
        $result.Added | Should -Be @('stale.ada@example.com')
        $result.Removed.Count | Should -Be 1
        $result.Unchanged | Should -Be 0
    }

    It 'removes the person named, not the stale display''s former owner, with Remove-ModeGroupMember' {
        $first = New-EmulatorUser -Emulator $script:Emulator -UserName 'stale.bob@example.com'
        $group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Sync Stale Remove' -MemberIds @($first.id)
        Rename-EmulatorUser -Emulator $script:Emulator -Id $first.id -UserName 'stale.bob.old@example.com'
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'stale.bob@example.com'

        Remove-ModeGroupMember -Group 'Sync Stale Remove' -Member 'stale.bob@example.com' -Confirm:$false

        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($first.id)
    }
}

Describe 'Sync-ModeGroup against a server that applies member changes only in part' {
    BeforeAll {
        $script:Partial = Start-TestEmulator -ExtraArguments '--member-patch', 'partial'
        $script:PartialConnection = Connect-ModeScim -BaseUri $script:Partial.BaseUri -Token (ConvertTo-TestSecureString $script:Partial.Token) -PassThru
        $script:people = @('p1', 'p2', 'p3' | ForEach-Object { New-EmulatorUser -Emulator $script:Partial -UserName "$_@example.com" })
        $null = New-EmulatorGroup -Emulator $script:Partial -DisplayName 'Partial'
    }
    AfterAll {
        Disconnect-ModeScim -Connection $script:PartialConnection
        Stop-ModeScimEmulator $script:Partial
    }

    It 'reports each addition the server answered but did not make as failed with ModeScim.ChangeNotApplied' {
        $errors = Get-ErrorRecords { $script:result = Sync-ModeGroup -Group 'Partial' -Member $script:people.userName -Connection $script:PartialConnection -JournalPath (New-TestJournalPath) }

        @($script:result.Added) | Should -Be @('p1@example.com')
        @($script:result.Failed.Member | Sort-Object) | Should -Be @('p2@example.com', 'p3@example.com')
        @($errors.FullyQualifiedErrorId | Select-Object -Unique) | Should -Be @('ModeScim.ChangeNotApplied,ModeScim.PowerShell.Commands.SyncModeGroupCommand')
        $state = Get-EmulatorState -Emulator $script:Partial
        @(($state.groups | Where-Object displayName -EQ 'Partial').members) | Should -Be @($script:people[0].id)
    }
}
