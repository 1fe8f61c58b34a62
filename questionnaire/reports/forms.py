from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class SoaUploadForm(FlaskForm):
    file = FileField(
        "Edited Statement of Applicability (CSV)",
        validators=[FileRequired("Choose the CSV file to upload."), FileAllowed(["csv"], "Upload a .csv file.")],
    )
