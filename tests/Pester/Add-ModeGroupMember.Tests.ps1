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

Describe 'Add-ModeGroupMember' {
    BeforeEach {
        Get-ModeGroup -DisplayName 'Add *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $script:group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Add Team' -MemberIds $script:Users[0].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'collects piped userNames and adds them in batched PATCHes' {
        $script:Users[1..250].UserName | Add-ModeGroupMember -Group 'Add Team' -BatchSize 100

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 251
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.PATCH | Should -Be 3
        # One read of the group and a few lookups: each holds as many names as fit a URL, at most 100.
        $stats.GET | Should -BeLessOrEqual 6
    }

    It 'adds members given as a parameter, and skips those already in the group' {
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[0..2]

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 3
        $patch = (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Groups/$($script:group.id)").members.Count
        $patch | Should -Be 3
    }

    It 'sends nothing when every member is already in the group' {
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[0].UserName
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'reports unknown users as ModeScim.UserNotFound and adds the rest' {
        $errors = Get-ErrorRecords { 'ghost@example.com', $script:Users[5].UserName | Add-ModeGroupMember -Group 'Add Team' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.AddModeGroupMemberCommand'
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id | Should -Contain $script:Users[5].Id
    }

    It 'sends no PATCH with -WhatIf' {
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[9].UserName -WhatIf
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }
}
