BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 300
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Users = @(Get-ModeUser)
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Remove-ModeGroupMember' {
    BeforeEach {
        Get-ModeGroup -DisplayName 'Remove *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $script:group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Remove Team' -MemberIds $script:Users[0..199].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'removes piped members in batched PATCHes, leaving the others' {
        $script:Users[0..149] | Remove-ModeGroupMember -Group 'Remove Team' -BatchSize 100 -Confirm:$false

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id) | Should -Be $script:Users[150..199].Id
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 2
    }

    It 'removes members given by userName as a parameter' {
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[0].UserName, $script:Users[1].UserName -Confirm:$false
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 198
    }

    It 'sends nothing for users who are not members' {
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[250].UserName -Confirm:$false
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'sends no PATCH with -WhatIf' {
        $journal = New-TestJournalPath
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[0].UserName -WhatIf -JournalPath $journal
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $journal | Should -Not -Exist
    }

    It 'journals a GroupRemove record for each member removed, naming the group' {
        $journal = New-TestJournalPath
        try {
            Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[0..1].UserName -JournalPath $journal -Confirm:$false

            $records = @(Get-ModeScimJournal -Path $journal -Action GroupRemove)
            @($records.UserId) | Should -Be @($script:Users[0..1].Id)
            @($records | ForEach-Object { $_.Groups[0].DisplayName } | Select-Object -Unique) | Should -Be @('Remove Team')
            @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 198
        }
        finally {
            Remove-Item $journal -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Remove-ModeGroupMember from a memberships file' {
    BeforeAll {
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-memberships-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Work
    }

    AfterAll {
        Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    BeforeEach {
        Get-ModeGroup -DisplayName 'Leave *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Leave Alpha' -MemberIds $script:Users[0..5].Id
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Leave Beta' -MemberIds $script:Users[3..8].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'removes every row of a "Group Name,UserName" file from its own group in a -NonInteractive session' {
        $path = Join-Path $script:Work 'leavers.csv'
        @(
            foreach ($user in $script:Users[0..1]) { [pscustomobject]@{ 'Group Name' = 'Leave Alpha'; UserName = $user.UserName } }
            foreach ($user in $script:Users[4..6]) { [pscustomobject]@{ 'Group Name' = 'Leave Beta'; UserName = $user.UserName } }
        ) | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8

        $output = Invoke-NonInteractiveStep -Emulator $script:Emulator `
            -Commands "Import-Csv -LiteralPath '$path' | Remove-ModeGroupMember -Confirm:`$false"

        $LASTEXITCODE | Should -Be 0 -Because $output
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'Leave Alpha' | Should -Be @($script:Users[2..5].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'Leave Beta' | Should -Be @($script:Users[3, 7, 8].Id | Sort-Object)
    }

    It 'removes every row of a GroupName,Member file' {
        $rows = @(
            [pscustomobject]@{ GroupName = 'Leave Alpha'; Member = $script:Users[2].UserName }
            [pscustomobject]@{ GroupName = 'Leave Beta'; Member = $script:Users[3].Id }
        )

        $rows | Remove-ModeGroupMember -Confirm:$false

        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'Leave Alpha' | Should -Be @($script:Users[0, 1, 3, 4, 5].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'Leave Beta' | Should -Be @($script:Users[4..8].Id | Sort-Object)
    }

    It 'removes the members from each group of an array, and returns each group changed with -PassThru' {
        $groups = @(Remove-ModeGroupMember -Group 'Leave Alpha', 'Leave Beta' -Member $script:Users[3].UserName, $script:Users[4] `
                -PassThru -Confirm:$false)

        $groups.DisplayName | Should -Be 'Leave Alpha', 'Leave Beta'
        @($groups[0].Members.Id | Sort-Object) | Should -Be @($script:Users[0, 1, 2, 5].Id | Sort-Object)
        @($groups[1].Members.Id | Sort-Object) | Should -Be @($script:Users[5..8].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'Leave Beta' | Should -Be @($script:Users[5..8].Id | Sort-Object)
    }
}
