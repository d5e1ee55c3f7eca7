# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'respondent_form_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_RespondentFormDialog(object):
    def setupUi(self, RespondentFormDialog):
        if not RespondentFormDialog.objectName():
            RespondentFormDialog.setObjectName(u"RespondentFormDialog")
        RespondentFormDialog.resize(460, 200)
        self.dialogLayout = QVBoxLayout(RespondentFormDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.intro = QLabel(RespondentFormDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setTextFormat(Qt.PlainText)
        self.intro.setWordWrap(True)

        self.dialogLayout.addWidget(self.intro)

        self.fields = QFormLayout()
        self.fields.setObjectName(u"fields")
        self.nameLabel = QLabel(RespondentFormDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.fields.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(RespondentFormDialog)
        self.name.setObjectName(u"name")

        self.fields.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.sectorLabel = QLabel(RespondentFormDialog)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.fields.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sectorLabel)

        self.sector = QComboBox(RespondentFormDialog)
        self.sector.setObjectName(u"sector")

        self.fields.setWidget(1, QFormLayout.ItemRole.FieldRole, self.sector)


        self.dialogLayout.addLayout(self.fields)

        self.buttons = QDialogButtonBox(RespondentFormDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.sectorLabel.setBuddy(self.sector)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.sector)

        self.retranslateUi(RespondentFormDialog)
        self.buttons.accepted.connect(RespondentFormDialog.accept)
        self.buttons.rejected.connect(RespondentFormDialog.reject)

        QMetaObject.connectSlotsByName(RespondentFormDialog)
    # setupUi

    def retranslateUi(self, RespondentFormDialog):
        RespondentFormDialog.setWindowTitle(QCoreApplication.translate("RespondentFormDialog", u"Hand out a respondent form", None))
        self.intro.setText(QCoreApplication.translate("RespondentFormDialog", u"The form holds the profile and the three rubrics with no ratings. The team member rates on their own machine and sends the file back for you to merge.", None))
        self.nameLabel.setText(QCoreApplication.translate("RespondentFormDialog", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("RespondentFormDialog", u"Respondent name", None))
#endif // QT_CONFIG(accessibility)
        self.name.setPlaceholderText(QCoreApplication.translate("RespondentFormDialog", u"Who will fill in this form", None))
        self.sectorLabel.setText(QCoreApplication.translate("RespondentFormDialog", u"&Sector", None))
#if QT_CONFIG(accessibility)
        self.sector.setAccessibleName(QCoreApplication.translate("RespondentFormDialog", u"Respondent sector", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

