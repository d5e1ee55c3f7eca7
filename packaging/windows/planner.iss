; Inno Setup script: the installer for the Windows one-folder app (dist\planner from packaging/planner.spec).
;   ISCC.exe /DAppVersion=1.2.3 packaging\windows\planner.iss       -> dist\installer\SustainabilityPlanner-1.2.3-setup.exe
;   ISCC.exe /DAppVersion=1.2.3 /DSign "/Ssigntool=signtool.exe sign ... $f" packaging\windows\planner.iss
;     signs the setup and its uninstaller (the release workflow does this; it signs the executables before).
; {autopf}: by default it installs for the person running it, without administrator rights, into
; %LOCALAPPDATA%\Programs; with /ALLUSERS (as administrator) into Program Files for everyone on the computer,
; which AppLocker's default rules allow (they block programs under a user's profile).
; Silent install for IT departments (Inno Setup's own switches):
;   SustainabilityPlanner-1.2.3-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS      (every user)
;   SustainabilityPlanner-1.2.3-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER   (this user)
; Plans (.json) get an "Open with > Sustainability Planner" entry; the default app for .json is left alone, as
; Windows reserves that choice to the person or to IT's default-associations policy.
; Settings, recent files and autosaves live in the user's profile (QSettings, QStandardPaths), never in {app}:
; an upgrade replaces the program folder and an uninstall removes it, and neither touches the user's data.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\planner"
#endif
#define AppName "Sustainability Planner"

[Setup]
AppId={{6F0B6C52-3E1D-4C1B-9E55-2B7F4D8A1C30}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sustainability Planner project
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=SustainabilityPlanner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\SustainabilityPlanner.exe
UninstallDisplayName={#AppName}
CloseApplications=yes
ChangesAssociations=yes
#ifdef Sign
; The sign tool named "signtool" is given on ISCC's command line (/Ssigntool=...), with its timestamp server.
SignTool=signtool
SignedUninstaller=yes
#endif

[InstallDelete]
; An upgrade must not leave DLLs of the previous version beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\SustainabilityPlanner.exe"

[Registry]
; HKA: HKEY_LOCAL_MACHINE for an /ALLUSERS install, HKEY_CURRENT_USER for a per-user one.
Root: HKA; Subkey: "Software\Classes\SustainabilityPlanner.Plan"; ValueType: string; ValueName: ""; ValueData: "Sustainability plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SustainabilityPlanner.Plan\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\SustainabilityPlanner.exe,0"
Root: HKA; Subkey: "Software\Classes\SustainabilityPlanner.Plan\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\SustainabilityPlanner.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "SustainabilityPlanner.Plan"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\SustainabilityPlanner.exe\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\SustainabilityPlanner.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\SustainabilityPlanner.exe"" ""%1"""; Flags: uninsdeletekey

[Run]
Filename: "{app}\SustainabilityPlanner.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
