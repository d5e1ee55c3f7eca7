# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'compare_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_CompareDialog(object):
    def setupUi(self, CompareDialog):
        if not CompareDialog.objectName():
            CompareDialog.setObjectName(u"CompareDialog")
        CompareDialog.resize(820, 600)
        self.dialogLayout = QVBoxLayout(CompareDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.baseline = QLabel(CompareDialog)
        self.baseline.setObjectName(u"baseline")
        self.baseline.setTextFormat(Qt.PlainText)
        self.baseline.setWordWrap(True)

        self.dialogLayout.addWidget(self.baseline)

        self.scoresHeader = QHBoxLayout()
        self.scoresHeader.setObjectName(u"scoresHeader")
        self.scoresLabel = QLabel(CompareDialog)
        self.scoresLabel.setObjectName(u"scoresLabel")

        self.scoresHeader.addWidget(self.scoresLabel)

        self.scoresHeaderSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.scoresHeader.addItem(self.scoresHeaderSpacer)

        self.changedOnly = QCheckBox(CompareDialog)
        self.changedOnly.setObjectName(u"changedOnly")
        self.changedOnly.setChecked(True)

        self.scoresHeader.addWidget(self.changedOnly)


        self.dialogLayout.addLayout(self.scoresHeader)

        self.scores = QTableWidget(CompareDialog)
        if (self.scores.columnCount() < 5):
            self.scores.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.scores.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.scores.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.scores.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.scores.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.scores.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.scores.setObjectName(u"scores")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(3)
        sizePolicy.setHeightForWidth(self.scores.sizePolicy().hasHeightForWidth())
        self.scores.setSizePolicy(sizePolicy)
        self.scores.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.scores.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.scores.setTabKeyNavigation(False)
        self.scores.setColumnCount(5)
        self.scores.horizontalHeader().setStretchLastSection(False)
        self.scores.verticalHeader().setVisible(False)

        self.dialogLayout.addWidget(self.scores)

        self.gapsLabel = QLabel(CompareDialog)
        self.gapsLabel.setObjectName(u"gapsLabel")

        self.dialogLayout.addWidget(self.gapsLabel)

        self.gaps = QTableWidget(CompareDialog)
        if (self.gaps.columnCount() < 4):
            self.gaps.setColumnCount(4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.gaps.setHorizontalHeaderItem(0, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.gaps.setHorizontalHeaderItem(1, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.gaps.setHorizontalHeaderItem(2, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.gaps.setHorizontalHeaderItem(3, __qtablewidgetitem8)
        self.gaps.setObjectName(u"gaps")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.gaps.sizePolicy().hasHeightForWidth())
        self.gaps.setSizePolicy(sizePolicy1)
        self.gaps.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.gaps.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.gaps.setTabKeyNavigation(False)
        self.gaps.setColumnCount(4)
        self.gaps.verticalHeader().setVisible(False)

        self.dialogLayout.addWidget(self.gaps)

        self.buttons = QDialogButtonBox(CompareDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.scoresLabel.setBuddy(self.scores)
        self.gapsLabel.setBuddy(self.gaps)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.changedOnly, self.scores)
        QWidget.setTabOrder(self.scores, self.gaps)

        self.retranslateUi(CompareDialog)
        self.buttons.rejected.connect(CompareDialog.reject)

        QMetaObject.connectSlotsByName(CompareDialog)
    # setupUi

    def retranslateUi(self, CompareDialog):
        CompareDialog.setWindowTitle(QCoreApplication.translate("CompareDialog", u"What changed since the baseline", None))
        self.scoresLabel.setText(QCoreApplication.translate("CompareDialog", u"&Scores", None))
        self.changedOnly.setText(QCoreApplication.translate("CompareDialog", u"&Changed only", None))
#if QT_CONFIG(accessibility)
        self.changedOnly.setAccessibleName(QCoreApplication.translate("CompareDialog", u"Show changed scores only", None))
#endif // QT_CONFIG(accessibility)
        ___qtablewidgetitem = self.scores.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CompareDialog", u"Capacity and criterion", None))
        ___qtablewidgetitem1 = self.scores.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CompareDialog", u"Before", None))
        ___qtablewidgetitem2 = self.scores.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CompareDialog", u"After", None))
        ___qtablewidgetitem3 = self.scores.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("CompareDialog", u"Change", None))
        ___qtablewidgetitem4 = self.scores.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("CompareDialog", u"Direction", None))
#if QT_CONFIG(accessibility)
        self.scores.setAccessibleName(QCoreApplication.translate("CompareDialog", u"Score changes", None))
#endif // QT_CONFIG(accessibility)
        self.gapsLabel.setText(QCoreApplication.translate("CompareDialog", u"Funding &gap by plan year", None))
        ___qtablewidgetitem5 = self.gaps.horizontalHeaderItem(0)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("CompareDialog", u"Plan year", None))
        ___qtablewidgetitem6 = self.gaps.horizontalHeaderItem(1)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("CompareDialog", u"Gap before", None))
        ___qtablewidgetitem7 = self.gaps.horizontalHeaderItem(2)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("CompareDialog", u"Gap now", None))
        ___qtablewidgetitem8 = self.gaps.horizontalHeaderItem(3)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("CompareDialog", u"Change", None))
#if QT_CONFIG(accessibility)
        self.gaps.setAccessibleName(QCoreApplication.translate("CompareDialog", u"Funding gap changes", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

